#!/usr/bin/env bash
# Makes sure Chromium from Debian packages is at /usr/bin/chromium for the browser tests (Microsoft.Playwright drives
# it; `playwright install` is never run). Idempotent; progress on stderr.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "chromium.sh: installing chromium from Debian packages" >&2
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
else
  sudo apt-get update -qq >&2 && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
fi

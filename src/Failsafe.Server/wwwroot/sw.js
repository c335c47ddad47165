// The service worker: makes the app installable and keeps it usable offline. Static files are served from the
// cache and refreshed behind it; pages come from the network and fall back to their last copy (so Today, with the
// session in progress, opens in a basement); the API is never cached (sets logged offline wait in IndexedDB).
const CACHE = 'failsafe-v2';
const SHELL = [
  '/css/app.css', '/Failsafe.Server.styles.css', '/js/app.js', '/js/api.js', '/js/queue.js', '/js/today.js', '/js/signin.js', '/js/plan.js', '/js/profile.js', '/js/settings.js', '/js/import.js', '/lib/idiomorph/idiomorph.esm.js',
  '/manifest.webmanifest', '/icons/icon.svg', '/icons/icon-192.png',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

async function page(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // Only a page that rendered for a signed-in lifter is kept (never the sign-in page a redirect leads to).
    if (response.ok && !response.redirected) await cache.put(request, response.clone());
    return response;
  } catch {
    const url = new URL(request.url);
    const copy = (await cache.match(request, { ignoreSearch: false })) ?? (url.pathname === '/' ? await cache.match('/today') : undefined);
    return copy ?? new Response(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline · Failsafe</title><link rel="stylesheet" href="/css/app.css"></head>' +
      '<body><main id="main"><h1>Offline</h1><p>This page was not opened while online, so there is no copy of it here. <a href="/today">Today</a> works offline once it has been opened.</p></main></body></html>',
      { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  }
}

async function asset(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  const fresh = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(request, response.clone());
    return response;
  }).catch(() => cached);
  return cached ?? fresh;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== location.origin) return;
  // The API, the account calls and the private calendar feed are never kept.
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/account/') || url.pathname.startsWith('/calendar/') || url.pathname === '/sw.js') return;
  if (request.mode === 'navigate' || (request.headers.get('Accept') ?? '').includes('text/html')) {
    event.respondWith(page(request));
    return;
  }
  event.respondWith(asset(request));
});

// Signing out forgets this device's copies of the lifter's pages.
self.addEventListener('message', (event) => {
  if (event.data === 'forget') event.waitUntil(caches.delete(CACHE));
});

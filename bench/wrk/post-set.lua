-- wrk script: POST /api/sets, one new set per request, each with its own Idempotency-Key
-- ("<run>-<thread>-<counter>"), so every request records a set (none is a replay).
-- Arguments (after --): RUN-PREFIX [SPREAD] [TOKENS]. Without SPREAD the sets all go to today's one session (which then
-- grows to tens of thousands of sets). With SPREAD = "spread" they go to past days, thirty a day, each wrk thread
-- on its own days from 1971 on (long before the seeded year), so sessions stay the size of a real day's.
-- TOKENS (optional, a file with one bearer token per line): request n is sent as athlete n mod the number of tokens
-- (a gym of lifters logging at once) instead of as the -H "Authorization" lifter; days then advance every thirty sets
-- per athlete, so each athlete's sessions still hold about thirty sets.
-- Every status is counted; done() prints them, and bench/server-load.sh refuses a run with a non-2xx answer.
local threads = {}
local counter = 0
id = 0 -- a global: setup() numbers the threads and thread:set() gives each its own
local prefix = "run"
local spread = false
local tokens = {}

local made = 0

function setup(thread)
  made = made + 1
  thread:set("id", made)
  table.insert(threads, thread)
end

function init(args)
  prefix = args[1] or prefix
  spread = args[2] == "spread"
  if args[3] and args[3] ~= "" then
    for line in io.lines(args[3]) do
      if line ~= "" then table.insert(tokens, line) end
    end
    assert(#tokens > 0, "no tokens in " .. args[3])
  end
  statuses = {}
end

local exercises = { "bench press", "squat", "deadlift", "overhead press", "barbell row" }

-- Day n of this thread's days: thread 1 from 1971-01-01, thread 2 from 1996-01-01, … (about 9,000 days each).
local function day(n)
  return os.date("!%Y-%m-%d", 31536000 + ((id - 1) * 9131 + n) * 86400)
end

function request()
  counter = counter + 1
  local date = ""
  if spread then
    date = string.format('"date":"%s",', day(math.floor(counter / (30 * math.max(#tokens, 1)))))
  end
  local body = string.format('{%s"exercise":"%s","set":"%d.5x%d@%d"}', date,
    exercises[counter % #exercises + 1], 60 + counter % 40, 5 + counter % 6, 7 + counter % 3)
  wrk.headers["Content-Type"] = "application/json"
  if #tokens > 0 then
    wrk.headers["Authorization"] = "Bearer " .. tokens[counter % #tokens + 1]
  end
  wrk.headers["Idempotency-Key"] = string.format("%s-%d-%d", prefix, id, counter)
  return wrk.format("POST", "/api/sets", nil, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do
      total[code] = (total[code] or 0) + n
    end
  end
  local parts = {}
  for code, n in pairs(total) do
    table.insert(parts, string.format("%d=%d", code, n))
  end
  table.sort(parts)
  io.write("statuses: " .. table.concat(parts, " ") .. "\n")
end

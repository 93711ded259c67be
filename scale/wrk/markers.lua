-- wrk script for the scale-out check: every request carries a marker no other request has, in
-- utm_content, which the collector stores with the click and forwards to the target. The check
-- then compares, marker by marker, the 302s the load balancer answered with the clicks stored.
--
-- Environment:
--   SCALE_SLUGS_FILE  file with one slug per line
--   SCALE_RUN         marker prefix of this load (letters, digits, '-'), e.g. r1-load
--   SCALE_VISITORS    visitors, shared by all threads (default 2000); each address keeps one
--                     User-Agent, so a visitor is the same visitor through every collector
--   SCALE_REPORT      if set, done() writes key=value counts of the statuses seen to this file

local function env(name, default)
  local v = os.getenv(name)
  if v == nil or v == "" then return default end
  return v
end

local agents = {
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
  "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
}

local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
  thread:set("thread_no", #threads)
end

local slugs, run, visitors
local sent = 0
statuses = {} -- a global, so that done() can read it through thread:get

function init(args)
  slugs = {}
  local f = assert(io.open(assert(env("SCALE_SLUGS_FILE", nil), "SCALE_SLUGS_FILE"), "r"))
  for line in f:lines() do
    if line:match("^[%w_-]+$") then slugs[#slugs + 1] = line end
  end
  f:close()
  run = env("SCALE_RUN", "run")
  visitors = tonumber(env("SCALE_VISITORS", "2000"))
end

function request()
  sent = sent + 1
  local slug = slugs[(sent % #slugs) + 1]
  -- Visitors are shared by all threads (the same address through several collectors); the
  -- address is only header text for the collector's client-address parsing.
  local v = (sent * 7919 + thread_no * 104729) % visitors
  local ip = "203." .. (1 + math.floor(v / 250) % 250) .. "." .. (v % 250 + 1) .. ".7"
  return wrk.format("GET", "/" .. slug .. "?utm_content=" .. run .. "-" .. thread_no .. "-" .. sent, {
    ["User-Agent"] = agents[(v % #agents) + 1],
    ["X-Forwarded-For"] = ip,
  })
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do total[status] = (total[status] or 0) + n end
  end
  local report = env("SCALE_REPORT", nil)
  local out = report and assert(io.open(report, "w")) or nil
  local keys = {}
  for status, _ in pairs(total) do keys[#keys + 1] = status end
  table.sort(keys)
  for _, status in ipairs(keys) do
    io.stderr:write(string.format("%d %d\n", status, total[status]))
    if out then out:write(string.format("status_%d=%d\n", status, total[status])) end
  end
  if out then
    out:write(string.format("socket_errors=%d\n", summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout))
    out:write(string.format("requests=%d\n", summary.requests))
    out:write(string.format("seconds=%.3f\n", summary.duration / 1e6))
    out:write(string.format("p99_ms=%.2f\n", latency:percentile(99) / 1000))
    out:close()
  end
end

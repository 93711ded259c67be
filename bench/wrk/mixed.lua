-- wrk script for short-link redirects with a realistic mix of clients.
--
-- Every request picks a slug, a User-Agent, an X-Forwarded-For client address, an
-- Accept-Language, sometimes a Referer and sometimes utm_* parameters. Picks come from a
-- Park-Miller PRNG seeded per thread, so a run with the same seed and thread count sends
-- the same mix; it uses plain double arithmetic and behaves the same on Lua 5.1 and LuaJIT.
--
-- Environment:
--   BENCH_SLUGS_FILE  file with one slug per line (default: 1000 synthetic slugs)
--   BENCH_SLUGS       comma-separated slugs, used when BENCH_SLUGS_FILE is unset
--   BENCH_UA_FILE     file with one User-Agent per line (default: data/user-agents.txt,
--                     relative to the working directory, i.e. for runs from bench/)
--   BENCH_PATH_PREFIX path the slugs are mounted under, e.g. /r (default: none)
--   BENCH_IP_POOL     client addresses per thread (default 50000)
--   BENCH_SEED        base seed (default 20240601); thread n uses seed + n
--   BENCH_REPORT      if set, done() also writes key=value results to this file
--
-- The X-Forwarded-For values are only header text for the server under test to parse;
-- nothing connects to them. Traffic goes to the URL given to wrk alone.

local M = 2147483647

local function env(name, default)
  local v = os.getenv(name)
  if v == nil or v == "" then return default end
  return v
end

local function read_lines(path)
  local f, err = io.open(path, "r")
  if not f then error("cannot read " .. path .. ": " .. tostring(err)) end
  local out = {}
  for line in f:lines() do
    line = line:gsub("\r$", ""):match("^%s*(.-)%s*$")
    if line ~= "" and line:sub(1, 1) ~= "#" then out[#out + 1] = line end
  end
  f:close()
  if #out == 0 then error(path .. " has no entries") end
  return out
end

-- ---------------------------------------------------------------- setup (main Lua state)

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_no", thread_count)
  threads[#threads + 1] = thread
end

-- ---------------------------------------------------------------- per-thread state

local state = 1
local function rand() -- uniform in [1, M-1]
  state = (state * 16807) % M
  return state
end
local function pick(list) return list[(rand() % #list) + 1] end
local function chance(percent) return rand() % 100 < percent end

local slugs, agents, ips, prefix
statuses = {} -- read by done() through thread:get, so it must be a global

local referers = {
  "https://www.google.com/",
  "https://www.google.com/",
  "https://t.co/",
  "https://www.facebook.com/",
  "https://l.facebook.com/",
  "https://l.instagram.com/",
  "https://www.linkedin.com/",
  "https://www.reddit.com/",
  "https://news.ycombinator.com/",
  "https://duckduckgo.com/",
  "https://www.bing.com/",
  "android-app://com.slack/",
}

local languages = {
  "en-US,en;q=0.9",
  "en-GB,en;q=0.9",
  "de-DE,de;q=0.9,en;q=0.8",
  "fr-FR,fr;q=0.9,en;q=0.8",
  "es-ES,es;q=0.9",
  "pt-BR,pt;q=0.9,en;q=0.8",
  "ja-JP,ja;q=0.9",
  "nl-NL,nl;q=0.9,en;q=0.8",
}

local utms = {
  "utm_source=newsletter&utm_medium=email&utm_campaign=spring_launch",
  "utm_source=twitter&utm_medium=social",
  "utm_source=instagram&utm_medium=bio&utm_content=header",
  "utm_source=qr&utm_medium=print&utm_campaign=flyer_2024",
  "utm_source=linkedin&utm_medium=social&utm_campaign=hiring",
}

-- Public-looking unicast IPv4: skips private, loopback, link-local, CGNAT, benchmark,
-- documentation, multicast and reserved ranges.
local function public_ipv4()
  for _ = 1, 100 do
    local a, b = rand() % 223 + 1, rand() % 256
    local bad = a == 10 or a == 127 or a == 0
      or (a == 100 and b >= 64 and b <= 127)
      or (a == 169 and b == 254)
      or (a == 172 and b >= 16 and b <= 31)
      or (a == 192 and (b == 168 or b == 0))
      or (a == 198 and (b == 18 or b == 19 or b == 51))
      or (a == 203 and b == 0)
    if not bad then
      return a .. "." .. b .. "." .. (rand() % 256) .. "." .. (rand() % 254 + 1)
    end
  end
  return "8.8.4.4"
end

function init(args)
  local seed = tonumber(env("BENCH_SEED", "20240601")) + (thread_no or 0)
  state = (seed % (M - 1)) + 1

  local slug_file = env("BENCH_SLUGS_FILE", nil)
  if slug_file then
    slugs = read_lines(slug_file)
  elseif env("BENCH_SLUGS", nil) then
    slugs = {}
    for s in env("BENCH_SLUGS", ""):gmatch("[^,%s]+") do slugs[#slugs + 1] = s end
  else
    slugs = {}
    for i = 1, 1000 do slugs[i] = string.format("s%04d", i) end
  end
  prefix = env("BENCH_PATH_PREFIX", ""):gsub("/+$", "")
  for i, s in ipairs(slugs) do slugs[i] = prefix .. "/" .. s:gsub("^/+", "") end

  agents = read_lines(env("BENCH_UA_FILE", "data/user-agents.txt"))

  ips = {}
  for i = 1, tonumber(env("BENCH_IP_POOL", "50000")) do ips[i] = public_ipv4() end
end

function request()
  local path = pick(slugs)
  if chance(20) then
    path = path .. (path:find("?", 1, true) and "&" or "?") .. pick(utms)
  end
  local headers = {
    ["User-Agent"] = pick(agents),
    ["X-Forwarded-For"] = pick(ips),
    ["Accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    ["Accept-Language"] = pick(languages),
  }
  -- Roughly half of short-link clicks arrive without a Referer (apps, QR scans, mail).
  if chance(55) then headers["Referer"] = pick(referers) end
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

-- ---------------------------------------------------------------- summary (main Lua state)

function done(summary, latency, requests)
  local by_status = {}
  for _, t in ipairs(threads) do
    local counts = t:get("statuses") or {}
    for status, n in pairs(counts) do
      by_status[status] = (by_status[status] or 0) + n
    end
  end

  local redirects, others, other_parts = by_status[302] or 0, 0, {}
  local codes = {}
  for status in pairs(by_status) do codes[#codes + 1] = status end
  table.sort(codes)
  for _, status in ipairs(codes) do
    if status ~= 302 then
      others = others + by_status[status]
      other_parts[#other_parts + 1] = status .. ": " .. by_status[status]
    end
  end

  local seconds = summary.duration / 1e6
  local rps = summary.requests / seconds
  local p50, p90, p99 = latency:percentile(50), latency:percentile(90), latency:percentile(99)
  local e = summary.errors

  io.write("---- mixed.lua summary ----\n")
  io.write(string.format("requests  %d in %.2f s, %.1f req/s\n", summary.requests, seconds, rps))
  io.write(string.format("302       %d\n", redirects))
  io.write(string.format("non-302   %d%s\n", others,
    #other_parts > 0 and ("  (" .. table.concat(other_parts, ", ") .. ")") or ""))
  io.write(string.format("socket    connect %d, read %d, write %d, timeout %d\n",
    e.connect, e.read, e.write, e.timeout))
  io.write(string.format("latency   p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms\n",
    p50 / 1000, p90 / 1000, p99 / 1000, latency.max / 1000))

  local report = os.getenv("BENCH_REPORT")
  if report and report ~= "" then
    local f = assert(io.open(report, "w"))
    f:write(string.format("requests=%d\nseconds=%.3f\nrps=%.1f\n", summary.requests, seconds, rps))
    f:write(string.format("status_302=%d\nnon_302=%d\n", redirects, others))
    for _, status in ipairs(codes) do
      f:write(string.format("status_%d=%d\n", status, by_status[status]))
    end
    f:write(string.format("socket_errors=%d\n", e.connect + e.read + e.write + e.timeout))
    f:write(string.format("p50_us=%d\np90_us=%d\np99_us=%d\nmax_us=%d\n", p50, p90, p99, latency.max))
    f:close()
  end
end

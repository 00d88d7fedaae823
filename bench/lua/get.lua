-- GET one page (or rotate through a list of paths) with a rotating set of session cookies.
-- Arguments after "--": cookie file, expected status, optional paths file.
-- done() prints one line "BENCHJSON {...}" that bench/run reads: latency percentiles in
-- microseconds, requests, and every response that was not the expected status as an error.

local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local function lines(path)
  local t = {}
  for line in io.lines(path) do
    if line ~= "" then table.insert(t, line) end
  end
  return t
end

function init(args)
  cookies = lines(args[1])
  expected = tonumber(args[2] or "200")
  paths = nil
  if args[3] and args[3] ~= "" then paths = lines(args[3]) end
  i = id or 1
  bad = 0
  ok = 0
end

function request()
  i = i + 1
  local path = wrk.path
  if paths then path = paths[(i % #paths) + 1] end
  return wrk.format("GET", path, { ["Cookie"] = cookies[(i % #cookies) + 1] })
end

function response(status, headers, body)
  if status == expected then ok = ok + 1 else bad = bad + 1 end
end

function done(summary, latency, requests)
  local b, o = 0, 0
  for _, t in ipairs(threads) do
    b = b + t:get("bad")
    o = o + t:get("ok")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests": %d, "duration_us": %d, "ok": %d, "unexpected_status": %d, ' ..
    '"socket_errors": %d, "p50_us": %d, "p90_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"mean_us": %.0f, "max_us": %d}\n',
    summary.requests, summary.duration, o, b,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.mean, latency.max))
end

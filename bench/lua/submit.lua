-- POST the incident report form as many different reporters (each with its own session
-- and CSRF cookie), as the browser does after filling in the form.
-- Arguments after "--": cookie file (session + csrftoken), form file (key=value lines).
-- A successful report answers 302 (to the receipt); anything else is an error.

local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local function urlencode(s)
  return (s:gsub("([^%w%-%._~])", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  cookies = {}
  tokens = {}
  for line in io.lines(args[1]) do
    if line ~= "" then
      table.insert(cookies, line)
      table.insert(tokens, line:match("csrftoken=([%w]+)"))
    end
  end
  local parts = {}
  for line in io.lines(args[2]) do
    local k, v = line:match("^([^=]+)=(.*)$")
    if k then table.insert(parts, k .. "=" .. urlencode(v)) end
  end
  body = table.concat(parts, "&")
  -- Threads start at different reporters so that they do not send as the same person.
  i = (id or 1) * 1000
  bad = 0
  ok = 0
end

function request()
  i = i + 1
  local n = (i % #cookies) + 1
  return wrk.format("POST", wrk.path, {
    ["Cookie"] = cookies[n],
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body .. "&csrfmiddlewaretoken=" .. tokens[n])
end

function response(status, headers, body)
  if status == 302 then ok = ok + 1 else bad = bad + 1 end
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

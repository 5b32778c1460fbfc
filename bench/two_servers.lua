-- bench/load_two.py: each connection alternates the home page and the schedule, and every
-- answer other than 200 or 304 is counted (wrk itself counts only those outside 2xx/3xx).
local threads = {}
local paths = {"/", "/schedule/"}
local sent = 0
other = 0

function setup(thread)
  table.insert(threads, thread)
end

function request()
  sent = sent + 1
  return wrk.format("GET", paths[sent % 2 + 1])
end

function response(status, headers, body)
  if status ~= 200 and status ~= 304 then
    other = other + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("other")
  end
  io.write(string.format("other than 200/304: %d\n", total))
end

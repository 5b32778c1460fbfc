-- wrk script for bench/load.py. Bounds a run in count as well as in time: each of the two
-- threads stops after its share of BENCH_MAX responses. With BENCH_COLD=1 every request
-- goes to a new address (an extra query parameter the pages ignore), so every request
-- misses the cache and renders: the cold rate.
local max = tonumber(os.getenv("BENCH_MAX") or "20000")
local seen, sent = 0, 0
local run = os.time()

function setup(thread)
  thread:set("tid", tostring(math.random(1, 1000000000)))
end

if os.getenv("BENCH_COLD") == "1" then
  function request()
    sent = sent + 1
    return wrk.format(nil, wrk.path .. "?bench-cold=" .. run .. "-" .. tid .. "-" .. sent)
  end
end

function response(status, headers, body)
  seen = seen + 1
  if seen >= max / 2 then
    wrk.thread:stop()
  end
end

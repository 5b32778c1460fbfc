-- Bound a wrk run in count as well as in time: each of its threads stops after its share
-- of BENCH_MAX responses.
local max = tonumber(os.getenv("BENCH_MAX") or "20000")
local seen = 0

function response(status, headers, body)
  seen = seen + 1
  if seen >= max / 2 then
    wrk.thread:stop()
  end
end

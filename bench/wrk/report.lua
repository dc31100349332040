-- Shared by every wrk script: per-thread random seeds, and one JSON line with
-- throughput and percentiles at the end.
local M = {}
local thread_count = 0

-- wrk's setup(thread): numbers the threads so each seeds its own random sequence.
function M.setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_id", thread_count)
end

-- wrk's init(args), run in each thread. The seed also comes from
-- /dev/urandom: several wrk processes started in the same second (one per
-- node) would otherwise send the same phone numbers in step, racing each
-- other for the same new customers.
function M.init(args)
  local seed = os.time() * 100 + (thread_id or 0)
  local urandom = io.open("/dev/urandom", "rb")
  if urandom then
    local bytes = urandom:read(4)
    urandom:close()
    for i = 1, #bytes do seed = seed * 256 + bytes:byte(i) end
  end
  math.randomseed(seed % 2147483647)
end

function M.done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.3f,"p95_ms":%.3f,"p99_ms":%.3f,' ..
    '"max_ms":%.3f,"status_errors":%d,"socket_errors":%d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end

return M

-- POST /api/v1/cases/{id}/transitions: the first step of the procedure,
-- contacting the customer (received → understanding, with a note), on cases
-- listed one id per line in LINGTING_IDS_FILE, each case once. Thread t of LINGTING_THREADS
-- takes every LINGTING_THREADS-th id, so no two requests race for a case.
package.path = package.path .. ";" .. (os.getenv("LINGTING_BENCH_DIR") or "bench") .. "/wrk/?.lua"
local report = require("report")

local token = os.getenv("LINGTING_TOKEN")
local ids = {}
local position = 0

setup = report.setup

function init(args)
  report.init(args)
  local threads = tonumber(os.getenv("LINGTING_THREADS") or "1")
  local index = 0
  for line in io.lines(os.getenv("LINGTING_IDS_FILE")) do
    if index % threads == (thread_id or 1) - 1 then ids[#ids + 1] = line end
    index = index + 1
  end
end

function request()
  position = position + 1
  local id = ids[((position - 1) % #ids) + 1]
  local body = '{"to":"understanding","note":"已电话联系客户，约定取样 / called the customer"}'
  return wrk.format("POST", "/api/v1/cases/" .. id .. "/transitions",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end

done = report.done

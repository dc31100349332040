-- POST /api/v1/cases/{id}/interactions on a random existing case (ids
-- 1..LINGTING_MAX_CASE_ID): a customer's e-mail reply logged on the timeline.
package.path = package.path .. ";" .. (os.getenv("LINGTING_BENCH_DIR") or "bench") .. "/wrk/?.lua"
local report = require("report")

local token = os.getenv("LINGTING_TOKEN")
local max_case_id = tonumber(os.getenv("LINGTING_MAX_CASE_ID") or "1")

setup = report.setup
init = report.init

function request()
  local id = math.random(1, max_case_id)
  local body = '{"direction":"inbound","channel":"email","body":"客户回复：样品已寄出，请查收。' ..
               'The customer replied: the sample is on its way."}'
  return wrk.format("POST", "/api/v1/cases/" .. id .. "/interactions",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end

done = report.done

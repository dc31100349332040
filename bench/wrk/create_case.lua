-- POST /api/v1/cases with Chinese and English text and a customer matched or
-- created by phone, as an intake system would. Token from LINGTING_TOKEN.
package.path = package.path .. ";" .. (os.getenv("LINGTING_BENCH_DIR") or "bench") .. "/wrk/?.lua"
local report = require("report")

local token = os.getenv("LINGTING_TOKEN")
local subjects = {
  {"插座外壳开裂", "socket housing cracked"},
  {"断路器频繁跳闸", "breaker trips again and again"},
  {"热水器漏电", "water heater gives electric shocks"},
  {"空调外机异响", "outdoor unit makes a loud noise"},
  {"洗衣机漏水", "washing machine leaks water"},
}
local counter = 0

setup = report.setup
init = report.init

function request()
  counter = counter + 1
  local subject = subjects[math.random(#subjects)]
  local phone = string.format("139%08d", math.random(0, 99999999))
  local body = string.format(
    '{"subject":"%s %s #%d","description":"客户反映：%s，要求尽快处理。Customer says: %s.",' ..
    '"urgency":"%s","channel":"api","customer":{"name":"压测客户 %d","phone":"%s"}}',
    subject[1], subject[2], counter, subject[1], subject[2],
    (counter % 7 == 0) and "urgent" or "normal", counter % 1000, phone)
  return wrk.format("POST", "/api/v1/cases",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end

done = report.done

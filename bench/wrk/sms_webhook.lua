-- POST /api/v1/webhooks/sms as an SMS gateway does: signed requests prepared
-- beforehand (LINGTING_SMS_REQUESTS: one "timestamp<TAB>signature<TAB>body"
-- per line, each a text with its own id), every thread taking every n-th
-- line (LINGTING_WRK_THREADS), so that no request is sent twice.
package.path = package.path .. ";" .. (os.getenv("LINGTING_BENCH_DIR") or "bench") .. "/wrk/?.lua"
local report = require("report")

local threads = tonumber(os.getenv("LINGTING_WRK_THREADS") or "1")
local lines = {}
local next_line = 1

setup = report.setup

function init(args)
  report.init(args)
  local index = 0
  for line in io.lines(os.getenv("LINGTING_SMS_REQUESTS")) do
    if index % threads == (thread_id or 1) - 1 then lines[#lines + 1] = line end
    index = index + 1
  end
end

function request()
  local line = lines[next_line]
  next_line = next_line % #lines + 1
  local timestamp, signature, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
  return wrk.format("POST", "/api/v1/webhooks/sms",
    {["Content-Type"] = "application/json", ["X-Lingting-Timestamp"] = timestamp,
     ["X-Lingting-Signature"] = signature}, body)
end

done = report.done

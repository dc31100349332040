-- POST to a webhook as the SMS gateway or WeChat does: signed requests
-- prepared beforehand (LINGTING_WEBHOOK_REQUESTS: one
-- "path<TAB>content type<TAB>timestamp<TAB>signature<TAB>body" per line,
-- each message with its own id; timestamp and signature empty when the
-- signature is in the path's query), every thread taking every n-th line
-- (LINGTING_WRK_THREADS), so that no request is sent twice.
package.path = package.path .. ";" .. (os.getenv("LINGTING_BENCH_DIR") or "bench") .. "/wrk/?.lua"
local report = require("report")

local threads = tonumber(os.getenv("LINGTING_WRK_THREADS") or "1")
local lines = {}
local next_line = 1

setup = report.setup

function init(args)
  report.init(args)
  local index = 0
  for line in io.lines(os.getenv("LINGTING_WEBHOOK_REQUESTS")) do
    if index % threads == (thread_id or 1) - 1 then lines[#lines + 1] = line end
    index = index + 1
  end
end

function request()
  local line = lines[next_line]
  next_line = next_line % #lines + 1
  local path, content_type, timestamp, signature, body =
    line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
  local headers = {["Content-Type"] = content_type}
  if timestamp ~= "" then
    headers["X-Lingting-Timestamp"] = timestamp
    headers["X-Lingting-Signature"] = signature
  end
  return wrk.format("POST", path, headers, body)
end

done = report.done

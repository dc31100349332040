-- GET of one path (LINGTING_PATH) with the bearer token, if any.
package.path = package.path .. ";" .. (os.getenv("LINGTING_BENCH_DIR") or "bench") .. "/wrk/?.lua"
local report = require("report")

local token = os.getenv("LINGTING_TOKEN")
local path = os.getenv("LINGTING_PATH")

function request()
  local headers = {}
  if token and token ~= "" then headers["Authorization"] = "Bearer " .. token end
  return wrk.format("GET", path, headers)
end

done = report.done

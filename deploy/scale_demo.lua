-- wrk script of the scale demo: every connection walks the site's pages (one path a line in the file named
-- by SCALE_DEMO_PATHS) and every status is counted, so the report can say how many were not 2xx.
local paths = {}
for line in io.lines(os.getenv("SCALE_DEMO_PATHS")) do
  paths[#paths + 1] = line
end

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  threads[#threads + 1] = thread
end

function init(args)
  counter = id * 7919
  statuses = {}
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  for status, count in pairs(totals) do
    io.write(string.format("STATUS %d %d\n", status, count))
  end
  io.write(string.format("LATENCY p50=%.1fms p90=%.1fms p99=%.1fms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000))
end

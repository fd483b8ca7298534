-- wrk script of `make loadtest`: each connection rotates over the paths given after `--`, every response
-- that is not 2xx is counted (per status), and the end prints the latency percentiles.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = args
  counter = math.random(#paths)
  non2xx = 0
  statuses = {}
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local bad, by_status = 0, {}
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
    for status, count in pairs(thread:get("statuses")) do
      by_status[status] = (by_status[status] or 0) + count
    end
  end
  local errors = summary.errors
  local seconds = summary.duration / 1e6
  io.write("\n-- make loadtest --------------------------------------------------\n")
  io.write(string.format("requests        %d in %.1f s (%.1f/s)\n", summary.requests, seconds, summary.requests / seconds))
  io.write(string.format("non-2xx         %d\n", bad))
  for status, count in pairs(by_status) do
    io.write(string.format("  status %d     %d\n", status, count))
  end
  io.write(string.format("socket errors   connect %d, read %d, write %d, timeout %d\n",
    errors.connect, errors.read, errors.write, errors.timeout))
  for _, p in ipairs({50, 90, 99}) do
    io.write(string.format("latency p%-2d     %.1f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("latency max     %.1f ms\n", latency.max / 1000))
end

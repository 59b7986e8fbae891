-- wrk script for bench/web_load.sh: cycles through the URL-encoded queries in the file named
-- by FAHRAS_WEB_QUERIES (one a line), each as GET /search?q=…&limit=10 (top 10 with
-- snippets), and prints one summary line set at the end.
local queries = {}
for line in io.lines(os.getenv("FAHRAS_WEB_QUERIES")) do
  if line ~= "" then table.insert(queries, line) end
end

local next_query = 0
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("start", counter * 37)
end

function init(args)
  next_query = start or 0
end

function request()
  next_query = next_query + 1
  return wrk.format("GET", "/search?limit=10&q=" .. queries[(next_query % #queries) + 1])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("requests/s: %.1f (%d in %.1f s)\n", summary.requests / seconds, summary.requests, seconds))
  io.write(string.format("latency ms: p50 %.2f, p90 %.2f, p99 %.2f, max %.2f\n", latency:percentile(50) / 1000,
                         latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("errors: non-2xx %d, connect %d, read %d, write %d, timeout %d\n", e.status, e.connect,
                         e.read, e.write, e.timeout))
end

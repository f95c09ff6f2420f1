-- SPDX-License-Identifier: ISC
-- wrk script: GET one path (PATH) with an optional Cookie (COOKIE); prints
-- req/s and latency percentiles, and counts answers that are not 200.
local threads = {}

function setup(thread)
	table.insert(threads, thread)
end

function init(args)
	wrk.path = os.getenv("GETPATH")
	local cookie = os.getenv("COOKIE")
	if cookie and cookie ~= "" then wrk.headers["Cookie"] = cookie end
	bad = 0
end

function response(status, headers, body)
	if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
	local tbad = 0
	for _, t in ipairs(threads) do tbad = tbad + t:get("bad") end
	io.write(string.format("RESULT reqs=%d ok=%d bad=%d errors=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
		summary.requests, summary.requests - tbad, tbad,
		summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
		summary.requests / (summary.duration / 1e6),
		latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end

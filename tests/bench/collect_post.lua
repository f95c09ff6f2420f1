-- SPDX-License-Identifier: ISC
-- wrk script: POST /api/v1/responses, each request with its own access code
-- (from CODES, one per line; thread i takes lines i, i+T, ...) and its own
-- submission id. Counts 201s per thread and prints them in done().
local threads = {}
local codes_file = os.getenv("CODES")
local body_file = os.getenv("BODY")
local nthreads = tonumber(os.getenv("THREADS") or "2")
local run = tonumber(os.getenv("RUN") or "0")

function setup(thread)
	thread:set("tid", #threads)
	table.insert(threads, thread)
end

function init(args)
	codes = {}
	local i = 0
	for line in io.lines(codes_file) do
		if i % nthreads == tid then table.insert(codes, line) end
		i = i + 1
	end
	local f = io.open(body_file, "r")
	template = f:read("*a")
	f:close()
	next_code = 1
	ok, bad, sent = 0, 0, 0
	wrk.method = "POST"
	wrk.path = "/api/v1/responses"
	wrk.headers["Content-Type"] = "application/json"
end

function request()
	local code = codes[next_code]
	next_code = next_code + 1
	if next_code > #codes then next_code = 1 end  -- wraps only if the pool is too small
	sent = sent + 1
	-- Unique per run (RUN), thread and request: nothing random to collide.
	local uuid = string.format("%08x-%04x-4000-8000-%012x", run, tid, sent)
	local body = template:gsub("@CODE@", code):gsub("@UUID@", uuid)
	return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
	if status == 201 then
		ok = ok + 1
	else
		bad = bad + 1
		if bad <= 3 then io.stderr:write("status " .. status .. ": " .. body .. "\n") end
	end
end

function done(summary, latency, requests)
	local tok, tbad, tsent = 0, 0, 0
	for _, t in ipairs(threads) do
		tok = tok + t:get("ok")
		tbad = tbad + t:get("bad")
		tsent = tsent + t:get("sent")
	end
	-- Requests still in flight when wrk stopped may be stored without being
	-- counted here: sent - ok - bad of them at most.
	io.write(string.format("RESULT reqs=%d ok=%d bad=%d inflight=%d errors=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
		summary.requests, tok, tbad, tsent - tok - tbad,
		summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
		summary.requests / (summary.duration / 1e6),
		latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end

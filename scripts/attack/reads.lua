-- wrk script for scripts/load: GET requests over many ids, optionally paced to a total rate.
-- LOAD_IDS: one id per line, substituted for {id} in LOAD_PATH (none: LOAD_PATH as is, e.g. /health).
-- LOAD_TOKENS: bearer tokens, one per line; id i is read with token floor(i / LOAD_PER_TOKEN), so no token reads
-- more distinct people than the volume alert allows. LOAD_RATE (requests/s over all LOAD_CONNECTIONS; 0 = as
-- fast as the server answers) paces each connection with wrk's delay(): the latency wrk reports is from send to
-- answer and leaves out the pause, so at a rate the server sustains it is the latency at that rate.
-- Prints one JSON line at the end.

local path = os.getenv("LOAD_PATH")
local ids, tokens = {}, {}
local per_token = tonumber(os.getenv("LOAD_PER_TOKEN") or "400")
local rate = tonumber(os.getenv("LOAD_RATE") or "0")
local connections = tonumber(os.getenv("LOAD_CONNECTIONS") or "1")
local threads = {}

local function lines(name)
    local out = {}
    local file = os.getenv(name)
    if file and file ~= "" then
        for line in io.lines(file) do
            if line ~= "" then out[#out + 1] = line end
        end
    end
    return out
end
ids = lines("LOAD_IDS")
tokens = lines("LOAD_TOKENS")

function setup(thread)
    thread:set("id", #threads)
    table.insert(threads, thread)
end

function init(args)
    nthreads = tonumber(os.getenv("LOAD_THREADS"))
    counter = id
end

function delay()
    if rate <= 0 then return 0 end
    return connections * 1000 / rate
end

function request()
    local headers = {}
    local target = path
    if #ids > 0 then
        local i = counter % #ids
        target = string.gsub(path, "{id}", ids[i + 1])
        if #tokens > 0 then
            headers["Authorization"] = "Bearer " .. tokens[math.floor(i / per_token) % #tokens + 1]
        end
    elseif #tokens > 0 then
        headers["Authorization"] = "Bearer " .. tokens[1]
    end
    counter = counter + nthreads
    return wrk.format("GET", target, headers)
end

function done(summary, latency, requests)
    io.write(string.format(
        'RESULT {"requests":%d,"seconds":%.3f,"rate":%.1f,"non2xx":%d,"socketErrors":%d,' ..
        '"p50":%.3f,"p90":%.3f,"p99":%.3f,"p999":%.3f,"max":%.3f}\n',
        summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
        summary.errors.status,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
        latency:percentile(99.9) / 1000, latency.max / 1000))
end

-- wrk script for scripts/load: GET requests over many ids, optionally paced to a total rate.
-- LOAD_IDS: one id per line, substituted for {id} in LOAD_PATH (none: LOAD_PATH as is, e.g. /health).
-- LOAD_TOKENS: bearer tokens, one per line; id i is read with token floor(i / LOAD_PER_TOKEN), so no token reads
-- more distinct people than the volume alert allows. LOAD_RATE (requests/s over all LOAD_CONNECTIONS; 0 = as
-- fast as the server answers) paces each thread to its share of the rate with wrk's delay() (see delay below): the
-- latency wrk reports is from send to answer and leaves out the pause, so at a rate the server sustains it is the
-- latency at that rate.
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

-- Wall-clock milliseconds (wrk's Lua has no clock finer than a second; LuaJIT's ffi reaches gettimeofday).
local ffi = require("ffi")
ffi.cdef [[
    typedef struct { long tv_sec; long tv_usec; } sievert_timeval;
    int gettimeofday(sievert_timeval *tv, void *tz);
]]
local now_tv = ffi.new("sievert_timeval")
local function now_ms()
    ffi.C.gettimeofday(now_tv, nil)
    return tonumber(now_tv.tv_sec) * 1000 + tonumber(now_tv.tv_usec) / 1000
end

-- Each thread sends on a fixed schedule, one request every LOAD_THREADS * 1000 / LOAD_RATE ms, whichever of its
-- connections is free: a constant rate while the server keeps up. A request that is late for its slot goes at
-- once and the schedule restarts from it, so a server that cannot keep up shows as a lower achieved rate, never
-- as a burst to catch up.
local next_slot = nil
function delay()
    if rate <= 0 then return 0 end
    local interval = nthreads * 1000 / rate
    local now = now_ms()
    next_slot = (next_slot or now) + interval
    if next_slot < now then next_slot = now end
    return math.floor(next_slot - now)
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

-- wrk script for scripts/load: POSTs batches of lab readings to /api/v1/organisations/{code}/readings.
-- Every reading is new (serial PREFIX<k>, k unique across threads), belongs to one of the wearers whose
-- participant codes are in LOAD_CODES, and falls in a month of its own for that wearer: reading k is wearer
-- k mod W's month number LOAD_MONTH_OFFSET + k div W, counted back from October 2026. So nothing is a duplicate
-- and every reading makes one dose entry. Prints one JSON line at the end: readings sent, acknowledged
-- (in 2xx answers, by the server's own count of imported readings) and error answers.

local codes = {}
local batch = tonumber(os.getenv("LOAD_BATCH") or "1000")
local token = os.getenv("LOAD_TOKEN")
local path = os.getenv("LOAD_PATH")
local prefix = os.getenv("LOAD_PREFIX") or "LD"
local month_offset = tonumber(os.getenv("LOAD_MONTH_OFFSET") or "0")
local threads = {}
local newest = 2026 * 12 + 9 -- October 2026, counted in months from year 0
local days = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }

for line in io.lines(os.getenv("LOAD_CODES")) do
    if line ~= "" then codes[#codes + 1] = line end
end

function setup(thread)
    thread:set("id", #threads)
    table.insert(threads, thread)
end

function init(args)
    nthreads = tonumber(os.getenv("LOAD_THREADS"))
    counter = 0
    sent, acknowledged, errors, answered = 0, 0, 0, 0
end

local function reading(k)
    local wearer = k % #codes
    local month = newest - month_offset - math.floor(k / #codes)
    local year, m = math.floor(month / 12), month % 12 + 1
    local last = days[m]
    if m == 2 and (year % 4 == 0 and (year % 100 ~= 0 or year % 400 == 0)) then last = 29 end
    return string.format(
        '{"serial":"%s%d","participantCode":"%s","position":"chest","periodBegin":"%04d-%02d-01",' ..
        '"periodEnd":"%04d-%02d-%02d","hp10":"0.01","version":1}',
        prefix, k, codes[wearer + 1], year, m, year, m, last)
end

function request()
    local parts = {}
    for i = 1, batch do
        parts[i] = reading(counter * nthreads + id)
        counter = counter + 1
    end
    sent = sent + batch
    local body = '{"readings":[' .. table.concat(parts, ",") .. ']}'
    return wrk.format("POST", path, {
        ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
    answered = answered + 1
    if status >= 200 and status < 300 then
        acknowledged = acknowledged + (tonumber(string.match(body, '"imported":%s*(%d+)')) or 0)
    else
        errors = errors + 1
        if errors <= 3 then io.stderr:write("error answer " .. status .. ": " .. string.sub(body, 1, 300) .. "\n") end
    end
end

function done(summary, latency, requests)
    local s, a, e, n = 0, 0, 0, 0
    for _, thread in ipairs(threads) do
        s = s + thread:get("sent")
        a = a + thread:get("acknowledged")
        e = e + thread:get("errors")
        n = n + thread:get("answered")
    end
    io.write(string.format(
        'RESULT {"requests":%d,"answered":%d,"seconds":%.3f,"readingsSent":%d,"readingsAcknowledged":%d,' ..
        '"errorAnswers":%d,"socketErrors":%d,"p50":%.3f,"p99":%.3f,"max":%.3f}\n',
        summary.requests, n, summary.duration / 1e6, s, a, e,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end

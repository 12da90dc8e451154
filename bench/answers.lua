-- wrk script: each request answers a different (attempt, question) from answers.tsv, written by
-- GenData.java. Lines alternate between learners so concurrent requests seldom share an attempt.
-- Every answer is a durable write (answer row, review state and log, a 303 redirect). Once the
-- lines run out they wrap round, and repeated answers are no-op 303s: the summary says how many
-- requests got a fresh line. Env: ANSWERS (file), CSRF (token that matches the accord_csrf cookie),
-- OFFSET (first line to use, default 0: a warm-up run and the measured run use different lines).
local lines = {}
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  for line in io.lines(os.getenv("ANSWERS")) do
    local path, cookie, body = line:match("([^\t]+)\t([^\t]+)\t([^\t]+)")
    table.insert(lines, {path, cookie, body})
  end
  nlines = #lines
  csrf = os.getenv("CSRF")
  nthreads = tonumber(os.getenv("THREADS") or "2")
  offset = tonumber(os.getenv("OFFSET") or "0")
  n = id + offset
  sent = 0
end

function request()
  local l = lines[(n % #lines) + 1]
  n = n + nthreads
  sent = sent + 1
  return wrk.format("POST", l[1], {
    ["Cookie"] = "accord_session=" .. l[2] .. "; accord_csrf=" .. csrf,
    ["Content-Type"] = "application/x-www-form-urlencoded"
  }, l[3] .. "&csrf-token=" .. csrf)
end

function response(status, headers, body)
  if status ~= 303 then
    bad = (bad or 0) + 1
  end
end

function done(summary, latency, requests)
  local total, wrong = 0, 0
  for _, t in ipairs(threads) do
    total = total + (t:get("sent") or 0)
    wrong = wrong + (t:get("bad") or 0)
  end
  local fresh = 0
  for _, t in ipairs(threads) do
    local s = t:get("sent") or 0
    local per = math.floor((t:get("nlines") - t:get("offset")) / #threads)
    fresh = fresh + math.min(s, per)
  end
  io.write(string.format("answer lines %d, requests sent %d, fresh answers (first save) %d, non-303 %d\n",
    threads[1]:get("nlines"), total, fresh, wrong))
end

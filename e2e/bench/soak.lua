-- wrk script for run.sh --soak: cycles through hello, the JSON echo (echo.json, path in
-- $BENCH_BODY), slugs, two-param dynamic routes, a catch-all, static and grouped routes, a 404 and
-- a 405, and stops wrk after $BENCH_REQUESTS answers (counted per wrk thread: run.sh uses one). At the
-- end it prints "soak statuses 2xx=N 404=N 405=N other=N": 404 and 405 are each 1/10 of the
-- requests by design; "other" must be 0.
local f = assert(io.open(os.getenv("BENCH_BODY") or "echo.json", "rb"))
local body = f:read("*a")
f:close()
local limit = tonumber(os.getenv("BENCH_REQUESTS") or "1000000")
local json = { ["Content-Type"] = "application/json" }
local i = 0
answered, ok, notfound, notallowed, other = 0, 0, 0, 0, 0

request = function()
  i = i + 1
  local k = i % 10
  if k == 0 then return wrk.format("POST", "/echo", json, body) end
  if k == 1 then return wrk.format("GET", "/items/item-" .. i) end
  if k == 2 then return wrk.format("GET", "/api/dyn/d0" .. (i % 9 + 1) .. "/" .. i .. "/posts/" .. (i % 97)) end
  if k == 3 then return wrk.format("GET", "/api/docs/c" .. (i % 6 + 1) .. "/a/b/" .. i) end
  if k == 4 then return wrk.format("GET", "/api/static/s" .. string.format("%02d", i % 20 + 1)) end
  if k == 5 then return wrk.format("GET", "/api/grouped/g" .. (i % 5 + 1) .. "?q=" .. i) end
  if k == 6 then return wrk.format("POST", "/api/crud/k" .. (i % 5 + 1), nil, "payload " .. i) end
  if k == 7 then return wrk.format("GET", "/no/such/route/" .. i) end
  if k == 8 then return wrk.format("POST", "/hello") end
  return wrk.format("GET", "/hello")
end

response = function(status, headers, body)
  answered = answered + 1
  if status >= 200 and status < 300 then ok = ok + 1
  elseif status == 404 then notfound = notfound + 1
  elseif status == 405 then notallowed = notallowed + 1
  else other = other + 1 end
  -- wrk runs for its -d duration whatever a thread does; SIGINT makes it stop and report now.
  if answered == limit then os.execute("(sleep 0.2; kill -INT $PPID) &") end
end

local threads = {}
setup = function(thread) table.insert(threads, thread) end

done = function(summary, latency, requests)
  local t = { ok = 0, notfound = 0, notallowed = 0, other = 0 }
  for _, th in ipairs(threads) do
    for k in pairs(t) do t[k] = t[k] + th:get(k) end
  end
  io.write(string.format("soak statuses 2xx=%d 404=%d 405=%d other=%d\n", t.ok, t.notfound, t.notallowed, t.other))
end

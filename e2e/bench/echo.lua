-- wrk script: POST the 1 KB JSON body of echo.json (path in $BENCH_BODY) to the URL given.
local f = assert(io.open(os.getenv("BENCH_BODY") or "echo.json", "rb"))
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = f:read("*a")
f:close()

#!/usr/bin/env bash
# run.sh: load benchmarks of jsroute against a bare net/http server (and, with --next, `next start`)
# on the 51-route app in e2e/bench/app. See README.md beside this file for what each number means.
#
#   e2e/bench/run.sh                  the table: wrk -t1 -c32 per route per server, RSS, ratios;
#                                     start-to-first-answer; 10,000 concurrent streams
#   e2e/bench/run.sh --next           the same plus `next start` (npm installs next into a temp dir)
#   e2e/bench/run.sh --soak [N]       N requests (default 1,000,000) of a route mix, then a stream
#                                     burst; goroutines, heap, open files and RSS before and after
#   e2e/bench/run.sh --profile        CPU profile of the engine under wrk (hello, echo): pprof -top
#
# Options: -d|--duration S (wrk seconds per route per server per round, default 5), -r|--rounds R
# (default 3: the table shows each figure's median over the rounds), -c|--connections C (default 32), --streams N (concurrent streams, default 10000; 0 skips), --starts N (start-up
# runs, default 7), --next-dir DIR (reuse a folder where next is installed), KEEP=1 keeps the
# temp folder. Needs go and wrk (installed from Debian when missing: the machine is root).
# Everything listens on 127.0.0.1 only; every server this script starts it stops.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
app=$here/app
duration=5
rounds=3
conns=32
streams=10000
starts=7
with_next=0
next_dir=
mode=table
soak_n=1000000

while (($#)); do
  case $1 in
    -d|--duration) duration=$2; shift ;;
    -r|--rounds) rounds=$2; shift ;;
    -c|--connections) conns=$2; shift ;;
    --streams) streams=$2; shift ;;
    --starts) starts=$2; shift ;;
    --next) with_next=1 ;;
    --next-dir) with_next=1; next_dir=$2; shift ;;
    --soak) mode=soak; if [[ ${2:-} =~ ^[0-9]+$ ]]; then soak_n=$2; shift; fi ;;
    --profile) mode=profile ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

log() { echo "[bench] $*" >&2; }

# --- tools --------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  log "installing wrk from Debian"
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
ulimit -n "$(ulimit -Hn)" # the streams test holds 10,000 sockets (Go servers raise their own)

work=$(mktemp -d "${TMPDIR:-/tmp}/jsroute-bench.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ ${KEEP:-} == 1 ]]; then log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

log "building into $work/bin"
(cd "$root" && go build -o "$work/bin/" ./cmd/jsroute ./e2e/bench/baseline ./e2e/bench/streams \
  ./e2e/bench/firstanswer ./e2e/bench/benchserve)
bin=$work/bin
export BENCH_BODY=$here/echo.json

# --- processes ----------------------------------------------------------------------------------
freeport() {
  local p
  while :; do
    p=$(shuf -i 20000-32000 -n 1)
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

# start NAME URL-PATH CMD...: starts CMD in its own process group, waits for a 200 on URL-PATH;
# sets $pid and $port ({port} in CMD is replaced).
start() {
  local name=$1 path=$2; shift 2
  port=$(freeport)
  local argv=("${@//\{port\}/$port}")
  setsid "${argv[@]}" > "$work/$name.out" 2> "$work/$name.err" &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 600); do
    curl -s -o /dev/null -f "http://127.0.0.1:$port$path" && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  log "$name did not start:"; cat "$work/$name.err" >&2; exit 1
}

stop() {
  kill -TERM -- "-$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  local keep=() p
  for p in "${pids[@]}"; do [[ $p == "$1" ]] || keep+=("$p"); done
  pids=("${keep[@]}")
}

# tree_rss PID: resident kB of PID and its descendants (next start runs a child server).
tree_rss() {
  local total=0 p v
  for p in $(tree_pids "$1"); do
    v=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || true)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}
tree_pids() { echo "$1"; local c; for c in $(pgrep -P "$1" || true); do tree_pids "$c"; done; }

# sample PID FILE: keeps the highest tree_rss in FILE every 0.2 s until FILE.stop exists.
sample() {
  local max=0 r
  while [[ ! -e $2.stop ]]; do
    r=$(tree_rss "$1"); ((r > max)) && max=$r
    echo "$max" > "$2"
    sleep 0.2
  done
}

# tree_ticks PID: CPU time (user + system, clock ticks) used so far by PID and its descendants.
tree_ticks() {
  local total=0 p v
  for p in $(tree_pids "$1"); do
    v=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{print $12 + $13}' || true)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}
hz=$(getconf CLK_TCK)

mb() { awk -v k="${1:-0}" 'BEGIN { printf "%.0f MB", k / 1024 }'; }

# --- one wrk run --------------------------------------------------------------------------------
# measure SERVER ROUTE PID URL ROUND: in round 1 warm up for 2 s; then wrk for $duration s while
# sampling RSS. Appends "route server rps p50 p99 rss_kb errors cpu_us_per_request" to
# $work/results.
declare -A route_path=([hello]=/hello [echo]=/echo [slug]=/items/some-slug [stream]=/stream [cached]=/cached)
measure() {
  local server=$1 route=$2 spid=$3 url=$4 round=$5 script=()
  [[ $route == echo ]] && script=(-s "$here/echo.lua")
  ((round > 1)) || wrk -t1 -c"$conns" -d2s "${script[@]}" "$url" > /dev/null
  local out=$work/wrk-$route-$server-$round.txt rss=$work/rss-$route-$server-$round
  sample "$spid" "$rss" & local sampler=$!
  local ticks0 ticks1
  ticks0=$(tree_ticks "$spid")
  wrk -t1 -c"$conns" -d"${duration}s" --latency "${script[@]}" "$url" > "$out"
  ticks1=$(tree_ticks "$spid")
  touch "$rss.stop"; wait "$sampler"
  local rps p50 p99 errs n cpu
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  errs=$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$out")
  n=$(awk '/requests in/ {print $1}' "$out")
  cpu=$(awk -v t=$((ticks1 - ticks0)) -v hz="$hz" -v n="${n:-0}" 'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }')
  echo "$route $server $rps $p50 $p99 $(cat "$rss") $errs $cpu" >> "$work/results"
  log "$(printf 'round %d  %-6s %-8s %8s req/s  p50 %-8s p99 %-8s RSS %-7s errors %s  CPU %s µs/req' "$round" "$route" "$server" "$rps" "$p50" "$p99" "$(mb "$(cat "$rss")")" "$errs" "$cpu")"
}

# --- next start ---------------------------------------------------------------------------------
setup_next() {
  if [[ -z $next_dir ]]; then
    next_dir=$work/next
    mkdir -p "$next_dir"
    cp -R "$app/." "$next_dir/"
    echo '{ "private": true }' > "$next_dir/package.json"
    echo 'export default { typescript: { ignoreBuildErrors: true } }' > "$next_dir/next.config.mjs"
    log "npm install next into $next_dir"
    (cd "$next_dir" && npm install --no-audit --no-fund --loglevel=error \
      next@latest react react-dom typescript @types/react @types/node >/dev/null)
  fi
  if [[ ! -d $next_dir/.next ]]; then
    log "next build"
    (cd "$next_dir" && NEXT_TELEMETRY_DISABLED=1 ./node_modules/.bin/next build > "$work/next-build.log" 2>&1) ||
      { cat "$work/next-build.log" >&2; exit 1; }
  fi
  next_version=$(cd "$next_dir" && node -p 'require("next/package.json").version')
}

# --- modes --------------------------------------------------------------------------------------
stats() { curl -s "$1/debug/stats?gc=1"; }

if [[ $mode == soak ]]; then
  start benchserve /hello "$bin/benchserve" -dir "$app" -addr "127.0.0.1:{port}" -debug 127.0.0.1:0
  url=http://127.0.0.1:$port
  dbg=$(sed -n 's/.* debug \(http:[^ ]*\).*/\1/p' "$work/benchserve.out")
  before=$(stats "$dbg")
  log "soak: $soak_n requests, wrk -t1 -c$conns"
  BENCH_REQUESTS=$soak_n wrk -t1 -c"$conns" -d3600s --latency -s "$here/soak.lua" "$url" | tee "$work/soak.txt" >&2
  # Settle first: connections closing, timers and the scavenger catching up.
  after_requests=$(sleep 10; stats "$dbg")
  burst=$((streams < 2000 ? streams : 2000))
  if ((burst > 0)); then "$bin/streams" -url "$url/stream" -n "$burst" >&2 || true; fi
  after_streams=$(sleep 10; stats "$dbg")
  echo "## Soak: $soak_n requests, then $burst concurrent streams ($(date -u +%F))"
  echo
  echo "| when | goroutines | live heap | heap objects | open fds | RSS |"
  echo "|---|---:|---:|---:|---:|---:|"
  field() { grep -o "\"$2\":[0-9]*" <<< "$1" | cut -d: -f2; }
  row() {
    printf "| %s | %d | %.1f MB | %d | %d | %.0f MB |\n" "$1" "$(field "$2" goroutines)" \
      "$(awk -v b="$(field "$2" heap_alloc)" 'BEGIN { print b / 1048576 }')" "$(field "$2" heap_objects)" \
      "$(field "$2" open_fds)" "$(awk -v k="$(field "$2" rss_kb)" 'BEGIN { print k / 1024 }')"
  }
  row start "$before"
  row "after the requests" "$after_requests"
  row "after the streams" "$after_streams"
  grep -E '^soak statuses|requests in|Requests/sec' "$work/soak.txt" | sed 's/^ */    /'
  exit 0
fi

if [[ $mode == profile ]]; then
  start benchserve /hello "$bin/benchserve" -dir "$app" -addr "127.0.0.1:{port}" -debug 127.0.0.1:0
  url=http://127.0.0.1:$port
  dbg=$(sed -n 's/.* debug \(http:[^ ]*\).*/\1/p' "$work/benchserve.out")
  for route in hello echo slug; do
    script=(); [[ $route == echo ]] && script=(-s "$here/echo.lua")
    wrk -t1 -c"$conns" -d"$((duration + 2))s" "${script[@]}" "$url${route_path[$route]}" > "$work/prof-$route.wrk" &
    w=$!
    sleep 1
    curl -s -o "$work/$route.pprof" "$dbg/debug/pprof/profile?seconds=$duration"
    wait "$w"
    echo "### $route ($(awk '/^Requests\/sec:/ {printf "%.0f req/s", $2}' "$work/prof-$route.wrk") under the profiler)"
    echo '```'
    echo "flat, top 15:"
    go tool pprof -top -nodecount=15 "$bin/benchserve" "$work/$route.pprof" 2>/dev/null | sed -n '/flat%/,$p'
    echo "cumulative, jsroute's own functions:"
    go tool pprof -top -cum -nodecount=25 -show='jsroute/jsroute' "$bin/benchserve" "$work/$route.pprof" 2>/dev/null | sed -n '/flat%/,$p'
    echo '```'
    [[ ${KEEP:-} == 1 ]] && log "profile: $work/$route.pprof"
  done
  exit 0
fi

# Table mode.
servers=(nethttp jsroute)
start nethttp /hello "$bin/baseline" -addr "127.0.0.1:{port}"
declare -A spid=([nethttp]=$pid) surl=([nethttp]=http://127.0.0.1:$port)
start jsroute /hello "$bin/jsroute" start -p "{port}" -H 127.0.0.1 "$app"
spid[jsroute]=$pid surl[jsroute]=http://127.0.0.1:$port
if ((with_next)); then
  setup_next
  start next /hello env NEXT_TELEMETRY_DISABLED=1 "$next_dir/node_modules/.bin/next" start "$next_dir" -p "{port}" -H 127.0.0.1
  spid[next]=$pid surl[next]=http://127.0.0.1:$port
  servers+=(next)
fi

: > "$work/results"
# Route by route, the servers back to back, so that the machine's load drifts less between the
# numbers a ratio divides; and several rounds, as a shared machine's load comes and goes.
for round in $(seq "$rounds"); do
  for route in hello echo slug cached stream; do
    for s in "${servers[@]}"; do
      measure "$s" "$route" "${spid[$s]}" "${surl[$s]}${route_path[$route]}" "$round"
    done
  done
done
jsroute_hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/${spid[jsroute]}/status")
for s in "${servers[@]}"; do stop "${spid[$s]}"; done

if ((starts > 0)); then # --starts 0 skips the start-up figures, as --streams 0 skips the streams
  log "start-to-first-answer (median of $starts)"
  fa_start=$("$bin/firstanswer" -n "$starts" -path /hello -- "$bin/jsroute" start -p "{port}" -H 127.0.0.1 "$app")
  # The same start serving a `jsroute build` artifact (no esbuild at start); removed afterwards.
  "$bin/jsroute" build "$app" >/dev/null
  fa_artifact=$("$bin/firstanswer" -n "$starts" -path /hello -- "$bin/jsroute" start -p "{port}" -H 127.0.0.1 "$app")
  rm -rf "$app/.jsroute"
  fa_dev=$("$bin/firstanswer" -n "$starts" -path /hello -- "$bin/jsroute" dev -p "{port}" -H 127.0.0.1 "$app")
  fa_base=$("$bin/firstanswer" -n "$starts" -path /hello -- "$bin/baseline" -addr "127.0.0.1:{port}")
  if ((with_next)); then
    fa_next=$(NEXT_TELEMETRY_DISABLED=1 "$bin/firstanswer" -n 3 -path /hello -- "$next_dir/node_modules/.bin/next" start "$next_dir" -p "{port}" -H 127.0.0.1)
  fi
fi

stream_lines=()
if ((streams > 0)); then
  for s in "${servers[@]}"; do
    case $s in
      nethttp) start nethttp /hello "$bin/baseline" -addr "127.0.0.1:{port}" ;;
      jsroute) start jsroute /hello "$bin/jsroute" start -p "{port}" -H 127.0.0.1 "$app" ;;
      next) start next /hello env NEXT_TELEMETRY_DISABLED=1 "$next_dir/node_modules/.bin/next" start "$next_dir" -p "{port}" -H 127.0.0.1 ;;
    esac
    log "$streams concurrent streams on $s"
    sample "$pid" "$work/rss-streams-$s" & sampler=$!
    line=$("$bin/streams" -url "http://127.0.0.1:$port/stream" -n "$streams" 2> "$work/streams-$s.err") || true
    touch "$work/rss-streams-$s.stop"; wait "$sampler"
    stream_lines+=("| $s | ${line#streams } | $(mb "$(cat "$work/rss-streams-$s")") |")
    [[ -s $work/streams-$s.err ]] && cat "$work/streams-$s.err" >&2
    stop "$pid"
  done
fi

# --- the report ---------------------------------------------------------------------------------
echo "## e2e/bench/run.sh -d $duration -r $rounds -c $conns$( ((with_next)) && echo " --next (next $next_version)") — $(date -u '+%F %H:%M UTC'), $(nproc) cores, $(go version | awk '{print $3}')"
echo
if ((with_next)); then
  echo "| route | server | req/s (rounds' range) | p50 | p99 | server CPU/req | RSS (max) | errors | vs net/http | vs next |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
else
  echo "| route | server | req/s (rounds' range) | p50 | p99 | server CPU/req | RSS (max) | errors | vs net/http |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
fi
# Each figure is the median over the rounds; a ratio is taken within each round (the servers ran
# back to back) and its median shown, with the rounds' range of req/s beside it.
awk -v withnext="$with_next" '
  function ms(t) {
    if (t ~ /us$/) return t / 1000
    if (t ~ /ms$/) return t + 0
    if (t ~ /m$/) return t * 60000
    return t * 1000
  }
  function median(a, n,   i, j, v, b) {
    for (i = 1; i <= n; i++) b[i] = a[i]
    for (i = 2; i <= n; i++) { v = b[i]; for (j = i - 1; j > 0 && b[j] > v; j--) b[j + 1] = b[j]; b[j + 1] = v }
    return n % 2 ? b[(n + 1) / 2] : (b[n / 2] + b[n / 2 + 1]) / 2
  }
  function fmt(m) { return m < 1 ? sprintf("%.2f ms", m) : m < 100 ? sprintf("%.1f ms", m) : sprintf("%.0f ms", m) }
  {
    k = $1 "/" $2
    if (!(k in n)) { keys[++nk] = k; route[k] = $1; server[k] = $2 }
    r = ++n[k]
    rps[k, r] = $3; p50[k, r] = ms($4); p99[k, r] = ms($5); err[k] += $7; cpu[k, r] = $8
    if ($6 > rss[k]) rss[k] = $6
  }
  END {
    for (i = 1; i <= nk; i++) {
      k = keys[i]; c = n[k]; delete a; delete b; delete q; delete x; delete y; delete u
      lo = hi = rps[k, 1]
      for (r = 1; r <= c; r++) {
        a[r] = rps[k, r]; b[r] = p50[k, r]; q[r] = p99[k, r]; u[r] = cpu[k, r]
        if (rps[k, r] < lo) lo = rps[k, r]; if (rps[k, r] > hi) hi = rps[k, r]
        x[r] = rps[route[k] "/nethttp", r] > 0 ? rps[k, r] / rps[route[k] "/nethttp", r] : 0
        y[r] = rps[route[k] "/next", r] > 0 ? rps[k, r] / rps[route[k] "/next", r] : 0
      }
      r1 = median(x, c) > 0 ? sprintf("%.2f×", median(x, c)) : "-"
      r2 = median(y, c) > 0 ? sprintf("%.1f×", median(y, c)) : "-"
      printf "| %s | %s | %d (%d–%d) | %s | %s | %.0f µs | %.0f MB | %d | %s |%s\n", route[k], server[k], median(a, c), lo, hi,
        fmt(median(b, c)), fmt(median(q, c)), median(u, c), rss[k] / 1024, err[k], r1, withnext ? " " r2 " |" : ""
    }
  }' "$work/results"
echo
echo "jsroute VmHWM over the whole table run: $(mb "$jsroute_hwm")"
echo
if ((starts > 0)); then
  echo "| start-to-first-answer (GET /hello, 51 routes) | |"
  echo "|---|---|"
  echo "| jsroute start | ${fa_start#firstanswer } |"
  echo "| jsroute start, from jsroute build's artifact | ${fa_artifact#firstanswer } |"
  echo "| jsroute dev | ${fa_dev#firstanswer } |"
  echo "| net/http baseline | ${fa_base#firstanswer } |"
  ((with_next)) && echo "| next start | ${fa_next#firstanswer } |"
fi
if ((${#stream_lines[@]})); then
  echo
  echo "| $streams concurrent 3-chunk streams | result | server RSS (max) |"
  echo "|---|---|---:|"
  printf '%s\n' "${stream_lines[@]}"
fi

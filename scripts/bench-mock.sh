#!/usr/bin/env bash
# Throughput of `conform mock` on the documented rerank request, side by side with nginx serving
# the same response bytes statically, in the same run on the same loopback. Not a test: it prints
# requests/s and p50/p99 latency and the ratio to nginx (target: the mock at 0.5x nginx or better)
# for the mock computing every answer and for the mock answering from its response memo
# (--memo-entries), which a repeated request like this one always hits, and for the mock with its
# request journal on (--admin --journal FILE; target: within 10% of the journal off). Each server is measured
# BENCH_ROUNDS times, the servers taking turns, and the medians are printed: on a machine shared
# with other work single runs vary a lot.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
duration="${BENCH_DURATION:-10s}"
connections="${BENCH_CONNECTIONS:-50}"
threads="${BENCH_THREADS:-2}"
rounds="${BENCH_ROUNDS:-3}"

. scripts/lib/need.sh
. scripts/lib/wrk.sh
need wrk wrk
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need nginx nginx-light
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

./scripts/setup.sh
swift build -c release --product conform >&2
work="$(mktemp -d)"
trap 'kill ${mock_pid:-} ${memo_pid:-} ${journal_pid:-} 2>/dev/null; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT

start_mock() {  # log file, extra arguments...; prints the URL once the mock listens
    local log=$1; shift
    ./.build/release/conform mock --port 0 "$@" >"$log" 2>&1 &
    echo $! >"$log.pid"
    for _ in $(seq 1 100); do
        local url; url=$(sed -n 's/^conform mock listening on \(http:[^ ]*\)$/\1/p' "$log"); [ -n "$url" ] && { echo "$url"; return; }
        sleep 0.1
    done
    cat "$log" >&2; exit 1
}
url=$(start_mock "$work/mock.log"); mock_pid=$(cat "$work/mock.log.pid")
memo_url=$(start_mock "$work/memo.log" --memo-entries 1024); memo_pid=$(cat "$work/memo.log.pid")
journal_url=$(start_mock "$work/journal.log" --admin --journal "$work/journal.jsonl"); journal_pid=$(cat "$work/journal.log.pid")

body='{"model":"bge-reranker-v2-m3","query":"What is a panda?","top_n":3,"documents":["hi","it is a bear","The giant panda (Ailuropoda melanoleuca), sometimes called a panda bear or simply panda, is a bear species endemic to China."]}'
curl -sf "$url/v1/rerank" -H "Authorization: Bearer conform-mock-key" -H "Content-Type: application/json" -d "$body" >"$work/rerank.json"
for _ in 1 2; do
    cmp -s <(curl -sf "$memo_url/v1/rerank" -H "Authorization: Bearer conform-mock-key" -H "Content-Type: application/json" -d "$body") "$work/rerank.json" \
        || { echo "the memo does not answer the same bytes"; exit 1; }
done

# nginx answers POST to a static file with 405; error_page turns that into the file with 200.
mkdir -p "$work/html" "$work/tmp"
cp "$work/rerank.json" "$work/html/rerank.json"
# nginx workers run as an unprivileged user when started as root: let them read the files.
chmod -R a+rX "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
cat >"$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
    uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
    default_type application/json;
    server {
        listen 127.0.0.1:$port;
        root $work/html;
        location = /v1/rerank { error_page 405 =200 /rerank.json; try_files /rerank.json =404; }
    }
}
CONF
"$nginx_bin" -c "$work/nginx.conf" -p "$work"
sleep 0.5
cmp -s <(curl -sf -X POST "http://127.0.0.1:$port/v1/rerank" -d "$body") "$work/rerank.json" || { echo "nginx does not serve the same bytes"; exit 1; }

wrk_script "$work/rerank.lua" "$body" Authorization "Bearer conform-mock-key"
measure() {  # url: one run after a warm-up, as "requests/s p50 p99 errors"
    wrk_measure "$work/rerank.lua" "$1" "$connections" "$threads" "$duration"
}
for round in $(seq 1 "$rounds"); do
    # The journal's mock runs right after the plain one: their ratio is taken round by round.
    measure "$url/v1/rerank" >>"$work/mock.results"
    measure "$journal_url/v1/rerank" >>"$work/journal.results"
    measure "$memo_url/v1/rerank" >>"$work/memo.results"
    measure "http://127.0.0.1:$port/v1/rerank" >>"$work/nginx.results"
    echo "round $round of $rounds done" >&2
done

echo "POST /v1/rerank, documented panda request, $(wc -c <"$work/rerank.json") response bytes, wrk -t$threads -c$connections -d$duration, median of $rounds rounds, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work" <<'PY'
import statistics, sys
work = sys.argv[1]
def medians(name):
    rows = [list(map(float, line.split())) for line in open(f"{work}/{name}.results") if line.strip()]
    return [statistics.median(column) for column in zip(*rows)]
servers = [("conform mock", medians("mock")), ("conform mock, journal", medians("journal")), ("conform mock, memo", medians("memo")), ("nginx static", medians("nginx"))]
nginx = servers[-1][1][0]
print(f"{'server':<22} {'requests/s':>12} {'p50 ms':>10} {'p99 ms':>10} {'errors':>8} {'vs nginx':>9}")
for name, (rps, p50, p99, errors) in servers:
    print(f"{name:<22} {rps:>12.0f} {p50:>10.2f} {p99:>10.2f} {errors:>8.0f} {rps / nginx:>8.2f}x")
print("target: 0.50x or better; 'memo' answers the repeated request from --memo-entries, 'conform mock' computes every answer")
# Each round's journal run follows its plain run: the median of those paired ratios is steadier
# than a ratio of medians when the machine's speed drifts between rounds.
def column(name):
    return [float(line.split()[0]) for line in open(f"{work}/{name}.results") if line.strip()]
ratios = sorted(journal / plain for journal, plain in zip(column("journal"), column("mock")))
print(f"journal on: {statistics.median(ratios):.2f}x the throughput with it off, median of the rounds' ratios "
      f"({ratios[0]:.2f}x to {ratios[-1]:.2f}x; {servers[1][1][0] / servers[0][1][0]:.2f}x between the medians above; "
      f"target: 0.90x or better; --journal writes {servers[1][1][0]:.0f} lines/s)")
PY

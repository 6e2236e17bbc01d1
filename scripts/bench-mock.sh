#!/usr/bin/env bash
# Throughput of `conform mock` on the documented rerank request, side by side with nginx serving
# the same response bytes statically, in the same run on the same loopback. Not a test: it prints
# requests/s and p50/p99 latency for both and the ratio (target: the mock at 0.5x nginx or better).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
duration="${BENCH_DURATION:-10s}"
connections="${BENCH_CONNECTIONS:-50}"
threads="${BENCH_THREADS:-2}"

need() {  # command, apt package
    command -v "$1" >/dev/null 2>&1 && return
    echo "installing $2 ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y "$2" >/dev/null || { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; }
    else sudo apt-get install -y "$2" >/dev/null; fi
}
need wrk wrk
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need nginx nginx-light
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

./scripts/setup.sh
swift build -c release --product conform >&2
work="$(mktemp -d)"
trap 'kill ${mock_pid:-} 2>/dev/null; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT

./.build/release/conform mock --port 0 >"$work/mock.log" 2>&1 &
mock_pid=$!
for _ in $(seq 1 100); do
    url=$(sed -n 's/^conform mock listening on \(http:[^ ]*\)$/\1/p' "$work/mock.log"); [ -n "$url" ] && break; sleep 0.1
done
[ -n "${url:-}" ] || { cat "$work/mock.log"; exit 1; }

body='{"model":"bge-reranker-v2-m3","query":"What is a panda?","top_n":3,"documents":["hi","it is a bear","The giant panda (Ailuropoda melanoleuca), sometimes called a panda bear or simply panda, is a bear species endemic to China."]}'
curl -sf "$url/v1/rerank" -H "Authorization: Bearer conform-mock-key" -H "Content-Type: application/json" -d "$body" >"$work/rerank.json"

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

cat >"$work/rerank.lua" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer conform-mock-key"
done = function(summary, latency, requests)
    io.write(string.format("RESULT %.0f %.3f %.3f %d\n", summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA

measure() {  # name, url
    wrk -t"$threads" -c"$connections" -d2s -s "$work/rerank.lua" "$2" >/dev/null  # warm-up
    wrk -t"$threads" -c"$connections" -d"$duration" -s "$work/rerank.lua" "$2" | sed -n 's/^RESULT //p'
}
read -r mock_rps mock_p50 mock_p99 mock_errors < <(measure mock "$url/v1/rerank")
read -r nginx_rps nginx_p50 nginx_p99 nginx_errors < <(measure nginx "http://127.0.0.1:$port/v1/rerank")

echo "POST /v1/rerank, documented panda request, $(wc -c <"$work/rerank.json") response bytes, wrk -t$threads -c$connections -d$duration, $(nproc) cores"
printf '%-22s %12s %10s %10s %8s\n' "server" "requests/s" "p50 ms" "p99 ms" "errors"
printf '%-22s %12s %10s %10s %8s\n' "conform mock" "$mock_rps" "$mock_p50" "$mock_p99" "$mock_errors"
printf '%-22s %12s %10s %10s %8s\n' "nginx static" "$nginx_rps" "$nginx_p50" "$nginx_p99" "$nginx_errors"
python3 -c "print(f'ratio mock/nginx: {$mock_rps / $nginx_rps:.2f}x (target 0.50x or better)')"

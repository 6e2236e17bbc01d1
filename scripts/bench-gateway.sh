#!/usr/bin/env bash
# Gateway overhead: `conform mock --upstream` in front of `conform worker`, against the same worker
# reached directly, in the same run on the same loopback. Not a test: it prints, for the documented
# rerank request and a small chat completion, p50/p99 latency on one connection and requests/s on
# many through both paths (wrk), the latency the gateway adds and the throughput ratio (targets:
# added p50 under 0.5 ms, throughput at least 0.7x of direct); the same for a streamed chat
# completion from a worker that paces its tokens as a GPU engine does, where the engine's time and
# not the CPU bounds throughput; then, for a streamed chat completion, the time to the first event
# through both paths over many requests and the events per stream (frames lost show there).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
duration="${BENCH_DURATION:-10s}"
connections="${BENCH_CONNECTIONS:-50}"
threads="${BENCH_THREADS:-2}"
streams="${BENCH_STREAMS:-2000}"
ttft_ms="${BENCH_TTFT_MS:-20}"
inter_token_ms="${BENCH_INTER_TOKEN_MS:-2}"

. scripts/lib/need.sh
. scripts/lib/wrk.sh
need wrk wrk
need python3 python3

./scripts/setup.sh
swift build -c release --product conform >&2
work="$(mktemp -d)"
trap 'kill ${mock_pid:-} ${worker_pid:-} ${paced_mock_pid:-} ${paced_worker_pid:-} 2>/dev/null; rm -rf "$work"' EXIT

listening() {  # log file, name: waits for the "listening on" line and prints the URL
    for _ in $(seq 1 100); do
        url=$(sed -n "s/^conform $2 listening on \(http:[^ ]*\)$/\1/p" "$1"); [ -n "$url" ] && { echo "$url"; return; }; sleep 0.1
    done
    cat "$1" >&2; exit 1
}
./.build/release/conform worker --port 0 >"$work/worker.log" 2>&1 &
worker_pid=$!
worker=$(listening "$work/worker.log" worker)
./.build/release/conform mock --port 0 --upstream "$worker" >"$work/mock.log" 2>&1 &
mock_pid=$!
gateway=$(listening "$work/mock.log" mock)
./.build/release/conform worker --port 0 --ttft-ms "$ttft_ms" --inter-token-ms "$inter_token_ms" >"$work/paced-worker.log" 2>&1 &
paced_worker_pid=$!
paced_worker=$(listening "$work/paced-worker.log" worker)
./.build/release/conform mock --port 0 --upstream "$paced_worker" >"$work/paced-mock.log" 2>&1 &
paced_mock_pid=$!
paced_gateway=$(listening "$work/paced-mock.log" mock)

key="conform-mock-key"
rerank='{"model":"bge-reranker-v2-m3","query":"What is a panda?","top_n":3,"documents":["hi","it is a bear","The giant panda (Ailuropoda melanoleuca), sometimes called a panda bear or simply panda, is a bear species endemic to China."]}'
chat='{"model":"qwen3","max_tokens":16,"messages":[{"role":"user","content":"Hello!"}]}'
streamed_chat='{"model":"qwen3","max_tokens":16,"stream":true,"messages":[{"role":"user","content":"Hello!"}]}'

measure() {  # lua script, url, connections, threads
    wrk_measure "$1" "$2" "$3" "$4" "$duration"
}
# The direct request carries the model header the adapter adds, so the worker does the same work
# on both paths; the gateway's request carries the client's key instead.
# Latency is measured on one connection, where nothing queues: what a request costs on each path.
# Throughput is measured with $connections connections, where the cores are the limit.
compare() {  # label, path, body, model, worker URL, gateway URL
    local worker="$5" gateway="$6"
    wrk_script "$work/gateway.lua" "$3" Authorization "Bearer $key"
    wrk_script "$work/direct.lua" "$3" X-Conform-Model "$4"
    for answer in "$(curl -s -o /dev/null -w '%{http_code}' "$gateway$2" -H "Authorization: Bearer $key" -H "Content-Type: application/json" -d "$3")" \
        "$(curl -s -o /dev/null -w '%{http_code}' "$worker$2" -H "X-Conform-Model: $4" -H "Content-Type: application/json" -d "$3")"; do
        [ "$answer" = 200 ] || { echo "$1: a path answers $answer, not 200"; exit 1; }
    done
    read -r _ direct_p50 direct_p99 _ < <(measure "$work/direct.lua" "$worker$2" 1 1)
    read -r _ gateway_p50 gateway_p99 _ < <(measure "$work/gateway.lua" "$gateway$2" 1 1)
    read -r direct_rps direct_loaded_p50 direct_loaded_p99 direct_errors < <(measure "$work/direct.lua" "$worker$2" "$connections" "$threads")
    read -r gateway_rps gateway_loaded_p50 gateway_loaded_p99 gateway_errors < <(measure "$work/gateway.lua" "$gateway$2" "$connections" "$threads")
    echo
    echo "$1: POST $2, $duration per measure, $(nproc) cores shared by wrk, gateway and worker"
    printf '%-22s %14s %14s %14s %16s %16s %8s\n' "path" "p50 ms (c1)" "p99 ms (c1)" "requests/s" "p50 ms (c$connections)" "p99 ms (c$connections)" "errors"
    printf '%-22s %14s %14s %14s %16s %16s %8s\n' "direct to the worker" "$direct_p50" "$direct_p99" "$direct_rps" "$direct_loaded_p50" "$direct_loaded_p99" "$direct_errors"
    printf '%-22s %14s %14s %14s %16s %16s %8s\n' "gateway + adapter" "$gateway_p50" "$gateway_p99" "$gateway_rps" "$gateway_loaded_p50" "$gateway_loaded_p99" "$gateway_errors"
    python3 -c "print(f'added p50 {$gateway_p50 - $direct_p50:.3f} ms (target < 0.5), added p99 {$gateway_p99 - $direct_p99:.3f} ms, throughput {$gateway_rps / $direct_rps:.2f}x of direct (target >= 0.70x)')"
}
compare "rerank, the documented example" /v1/rerank "$rerank" bge-reranker-v2-m3 "$worker" "$gateway"
compare "chat completion, 16 tokens" /v1/chat/completions "$chat" qwen3 "$worker" "$gateway"
compare "streamed chat completion, 16 tokens, engine pacing ${ttft_ms} ms to the first token and ${inter_token_ms} ms per token" \
    /v1/chat/completions "$streamed_chat" qwen3 "$paced_worker" "$paced_gateway"

echo
echo "streamed chat completion (16 tokens): time to first event, $streams requests per path on one kept-alive connection each, paths taking turns"
python3 scripts/bench-gateway/first_event.py "$streams" \
    direct "$worker" '{"X-Conform-Model": "qwen3"}' \
    gateway "$gateway" "{\"Authorization\": \"Bearer $key\"}" >"$work/first-event.txt"
printf '%-26s %10s %10s %16s\n' "path" "p50 ms" "p99 ms" "events/stream"
while read -r _ name p50 p99 events count; do
    printf '%-26s %10s %10s %16s\n' "$name" "$p50" "$p99" "$events"
done <"$work/first-event.txt"
python3 - "$work/first-event.txt" <<'PY'
import sys
rows = {line.split()[1]: [float(x) for x in line.split()[2:5]] for line in open(sys.argv[1])}
direct, gateway = rows["direct"], rows["gateway"]
print(f"added time to first event: p50 {gateway[0] - direct[0]:.3f} ms, p99 {gateway[1] - direct[1]:.3f} ms; "
      f"events lost per stream: {direct[2] - gateway[2]:.1f}")
PY

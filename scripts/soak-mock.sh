#!/usr/bin/env bash
# Soak benchmark of `conform mock` (not a test): the same probe request (GET /v1/models) on an idle
# mock, then while heavy clients (large embedding batches, long speech) and slow clients (hundreds
# of connections sending headers a byte at a time, idle keep-alive connections) run against it.
# Prints, side by side, the probe's p50/p99 latency, the mock's peak RSS and open descriptors, and
# what the heavy clients got (200, or 503 with Retry-After once the heavy-work pool is full).
# SOAK_SECONDS (default 20) is the length of the loaded phase.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./scripts/setup.sh
swift build -c release --product conform >&2
work="$(mktemp -d)"
trap 'kill ${mock_pid:-} 2>/dev/null; rm -rf "$work"' EXIT
./.build/release/conform mock --port 0 >"$work/mock.log" 2>&1 &
mock_pid=$!
url=""
for _ in $(seq 1 100); do
    url=$(sed -n 's/^conform mock listening on \(http:[^ ]*\)$/\1/p' "$work/mock.log"); [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { cat "$work/mock.log"; exit 1; }
echo "conform mock at $url, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$url" "$mock_pid" "${SOAK_SECONDS:-20}" <<'PY'
import json, os, socket, statistics, sys, threading, time, urllib.error, urllib.request
url, pid, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
host, port = url.split("//")[1].split(":")
port = int(port)
auth = {"Authorization": "Bearer conform-mock-key", "Content-Type": "application/json"}

def rss_mb():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS"): return int(line.split()[1]) / 1024
def descriptors():
    return len(os.listdir(f"/proc/{pid}/fd"))

def probe(duration):
    latencies, end = [], time.time() + duration
    while time.time() < end:
        start = time.time()
        try:
            with urllib.request.urlopen(urllib.request.Request(url + "/v1/models", headers=auth), timeout=30) as response:
                response.read()
            latencies.append((time.time() - start) * 1000)
        except Exception:
            latencies.append(30_000.0)
        time.sleep(0.05)
    latencies.sort()
    return statistics.median(latencies), latencies[int(len(latencies) * 0.99) - 1], len(latencies)

def sampler(stop, samples):
    while not stop.is_set():
        samples.append((rss_mb(), descriptors()))
        time.sleep(0.25)

def run_phase(duration, load):
    stop, samples = threading.Event(), []
    threads = [threading.Thread(target=sampler, args=(stop, samples))] + load(stop)
    for thread in threads: thread.start()
    time.sleep(1 if len(threads) > 1 else 0)
    p50, p99, count = probe(duration)
    stop.set()
    for thread in threads: thread.join(timeout=60)
    return p50, p99, count, max(s[0] for s in samples), max(s[1] for s in samples)

outcomes, lock = {}, threading.Lock()
def heavy(stop, path, body):
    data = json.dumps(body).encode()
    while not stop.is_set():
        try:
            with urllib.request.urlopen(urllib.request.Request(url + path, data=data, headers=auth), timeout=120) as response:
                response.read(); code = response.status
        except urllib.error.HTTPError as error:
            code = f"{error.code} Retry-After {error.headers.get('Retry-After')}" if error.code == 503 else error.code
        except Exception as error:
            code = type(error).__name__
        with lock: outcomes[(path, code)] = outcomes.get((path, code), 0) + 1

def slow(stop, count):
    connections = []
    for index in range(count):
        try:
            connection = socket.create_connection((host, port), timeout=5)
            if index % 2 == 0: connection.sendall(b"GET /v1/models HTTP/1.1\r\nHost: x\r\n")
            connections.append(connection)
        except OSError:
            pass
    while not stop.is_set():
        for connection in connections:
            try: connection.sendall(b"X")
            except OSError: pass
        time.sleep(1)
    for connection in connections: connection.close()

embed = {"model": "bge-m3", "input": [" ".join(f"w{i}x{j}" for j in range(1000)) for i in range(60)]}
speech = {"model": "cosyvoice-300m", "voice": "alloy", "speed": 0.5, "input": "hello world " * 200}
def load(stop):
    threads = [threading.Thread(target=heavy, args=(stop, "/v1/embeddings", embed)) for _ in range(4)]
    threads += [threading.Thread(target=heavy, args=(stop, "/v1/audio/speech", speech)) for _ in range(2)]
    threads += [threading.Thread(target=slow, args=(stop, 300))]
    return threads

idle = run_phase(5, lambda stop: [])
loaded = run_phase(seconds, load)
print(f"{'phase':<36} {'probe p50 ms':>12} {'probe p99 ms':>12} {'probes':>7} {'peak RSS MB':>12} {'peak fds':>9}")
for name, (p50, p99, count, rss, fds) in [("idle", idle), (f"4 embed + 2 speech + 300 slow, {seconds:.0f} s", loaded)]:
    print(f"{name:<36} {p50:>12.1f} {p99:>12.1f} {count:>7} {rss:>12.1f} {fds:>9}")
time.sleep(2)
print(f"after the load: {descriptors()} open descriptors, {rss_mb():.1f} MB RSS")
print("heavy clients got:")
for (path, code), count in sorted(outcomes.items(), key=str):
    print(f"  {path:<18} {code}: {count}")
PY

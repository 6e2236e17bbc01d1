"""Time to the first event of a streamed chat completion, over many requests, through two servers.

Each path keeps one HTTP/1.1 connection alive and sends the same request again and again; the paths
take turns, so both see the same machine. For every request it records the time from the last byte
sent to the first `data:` line received, and how many events the whole stream held (an adapter that
lost frames would show fewer than the direct path). Prints one line per path: RESULT name p50_ms
p99_ms mean_events requests.
"""
import json
import socket
import sys
import time
from urllib.parse import urlsplit


def connect(url):
    parts = urlsplit(url)
    sock = socket.create_connection((parts.hostname, parts.port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock, parts


def exchange(sock, parts, path, headers, body):
    head = f"POST {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
    sock.sendall(head.encode() + body)
    started = time.perf_counter()
    received = b""
    first = None
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            raise RuntimeError("the server closed the connection")
        received += chunk
        if first is None:
            end = received.find(b"\r\n\r\n")
            if end >= 0 and b"data:" in received[end:]:
                first = time.perf_counter() - started
        if received.endswith(b"\r\n0\r\n\r\n"):
            break
    status = received.split(b" ", 2)[1]
    if status != b"200":
        raise RuntimeError(f"status {status.decode()}: {received[:300]!r}")
    return first, received.count(b"data:")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main():
    count = int(sys.argv[1])
    paths = [(sys.argv[i], sys.argv[i + 1], json.loads(sys.argv[i + 2])) for i in range(2, len(sys.argv), 3)]
    body = json.dumps({"model": "qwen3", "stream": True, "max_tokens": 16,
                       "messages": [{"role": "user", "content": "Hello!"}]}).encode()
    connections = [connect(url) for _, url, _ in paths]
    timings = [[] for _ in paths]
    events = [[] for _ in paths]
    for round_number in range(count + 50):
        for index, (name, url, headers) in enumerate(paths):
            sock, parts = connections[index]
            first, event_count = exchange(sock, parts, parts.path.rstrip("/") + "/v1/chat/completions", headers, body)
            if round_number >= 50:  # the first rounds warm up
                timings[index].append(first * 1000)
                events[index].append(event_count)
    for index, (name, _, _) in enumerate(paths):
        print(f"RESULT {name} {percentile(timings[index], 0.5):.3f} {percentile(timings[index], 0.99):.3f} "
              f"{sum(events[index]) / len(events[index]):.1f} {len(timings[index])}")


if __name__ == "__main__":
    main()

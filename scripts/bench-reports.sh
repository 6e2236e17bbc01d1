#!/usr/bin/env bash
# Measures `conform report` on a large report.json (every format from one file) against a
# reference in the same run: Python reading and re-writing the same JSON, the least any
# renderer must do. Prints wall time and peak memory side by side. Not a test: figures only.
#
# Usage: scripts/bench-reports.sh [CASES]   (default 2000 cases; needs python3 and /usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${1:-2000}"

if [ ! -x /usr/bin/time ]; then
    echo "bench-reports needs /usr/bin/time (apt-get install time)" >&2
    exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if ! swift build -c release --product conform >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    exit 2
fi
binary="$(swift build -c release --show-bin-path)/conform"

# A run shaped like a bad day: a third of the cases fail with expected/actual values and 4 KiB
# body previews, the rest pass, a few are skipped or errored.
python3 - "$cases" "$work/report.json" <<'PY'
import json, sys
count, path = int(sys.argv[1]), sys.argv[2]
endpoints = ["models", "completions", "chat", "responses", "embeddings", "images", "image-edits", "speech",
             "transcriptions", "messages", "rerank", "proxy-path", "proxy-header"]
cases = []
for index in range(count):
    endpoint = endpoints[index % len(endpoints)]
    verdict = ["fail", "pass", "pass", "pass", "skip", "error"][index % 6] if index % 3 else "fail"
    checks = [{"name": "status", "level": "must", "verdict": "pass", "baselined": False}]
    if verdict == "fail":
        checks.append({"name": f"{endpoint}.shape", "level": "must", "verdict": "fail", "baselined": False,
                       "message": f"/data/{index % 7}/index: expected {index % 7}, got {index % 5}",
                       "expected": {"data": [{"index": i, "object": "embedding"} for i in range(8)]},
                       "actual": {"data": [{"index": i, "object": "embedding", "embedding": [0.125] * 32} for i in range(8)]}})
    case = {"id": f"{endpoint}.case-{index}", "endpoint": endpoint, "api": "openai", "summary": "a case",
            "level": "must", "source": "GPUStack docs", "fixture": f"openai/{endpoint}/case-{index}.json",
            "verdict": verdict, "baselined": False, "checks": checks, "durationMilliseconds": 3.5}
    if verdict in ("skip", "error"):
        case["reason"] = "no model mapped" if verdict == "skip" else "timed out"
    if verdict != "skip":
        case["exchange"] = {"method": "POST", "url": f"http://127.0.0.1:8080/v1/{endpoint}",
                            "requestHeaders": [{"name": "Authorization", "value": "Bearer $GPUSTACK_API_KEY"}],
                            "requestBody": json.dumps({"model": "qwen3", "input": "x" * 200}), "status": 200,
                            "responseHeaders": [{"name": "content-type", "value": "application/json"}],
                            "responseBody": json.dumps({"data": [{"embedding": [0.123456] * 400}]})[:4096],
                            "responseBodyTruncated": True, "totalMilliseconds": 3.5}
        case["reproduction"] = f"curl -sS -X POST 'http://127.0.0.1:8080/v1/{endpoint}' -H \"Authorization: Bearer $GPUSTACK_API_KEY\""
    cases.append(case)
tally = {"passed": 0, "failed": 0, "baselined": 0, "skipped": 0, "errors": 0, "total": 0}
report = {"formatVersion": 1, "suiteVersion": "bench", "fixtureDigest": "sha256:0", "startedAt": "2026-01-01T00:00:00Z",
          "finishedAt": "2026-01-01T00:01:00Z",
          "target": {"baseURL": "http://127.0.0.1:8080", "embeddedMock": False, "deterministic": False,
                     "serverHeaders": [], "models": {}, "routes": {}},
          "options": {"level": "should", "failOn": "must", "only": [], "concurrency": 4, "timeoutSeconds": 30},
          "outcome": {"status": "failed", "exitCode": 1},
          "totals": {"all": tally, "must": tally, "should": tally}, "cases": cases}
with open(path, "w") as handle:
    json.dump(report, handle, indent=2, sort_keys=True)
PY

measure() {
    local label="$1"
    shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null
    read -r seconds kilobytes <"$work/time"
    printf '%-44s %8s s %8s MB\n' "$label" "$seconds" "$((kilobytes / 1024))"
}

size="$(du -k "$work/report.json" | cut -f1)"
echo "report.json: $cases cases, ${size} KiB"
measure "reference: python3 json load + dump" python3 -c \
    "import json,sys; json.dump(json.load(open(sys.argv[1])), open(sys.argv[2],'w'), indent=2, sort_keys=True)" \
    "$work/report.json" "$work/reference.json"
measure "conform report --format json" "$binary" report "$work/report.json" --format json --out "$work/json"
measure "conform report --format junit" "$binary" report "$work/report.json" --format junit --out "$work/junit"
measure "conform report --format md" "$binary" report "$work/report.json" --format md --out "$work/md"
measure "conform report --format html" "$binary" report "$work/report.json" --format html --out "$work/html"
measure "conform report --format json,junit,md,html" "$binary" report "$work/report.json" --format json,junit,md,html --out "$work/all"
ls -l "$work/all" | awk 'NR > 1 { printf "  %-12s %10d bytes\n", $9, $5 }'

#!/usr/bin/env bash
# Fuzzes `conform mock` with Schemathesis (from PyPI) through the OpenAPI document the mock serves
# at /openapi.json, assembled from Schemas/. Passes when no generated request, valid or not, got a
# 5xx, the mock stayed up, and its peak RSS stayed under 512 MB. Exits 0 on a pass, 1 on a
# failure, 3 when Schemathesis could not be installed (no venv, PyPI unreachable).
# FUZZ_EXAMPLES (default 25) bounds the examples per operation; the seed is fixed so runs repeat.
# FUZZ_MOCK_ARGS adds options to `conform mock` (for example `--deviate unknown-model-500`, to see
# the script fail).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
work="${FUZZ_DIR:-$root/.build/fuzz}"
mkdir -p "$work"
binary="$root/.build/debug/conform"
[ -x "$binary" ] || swift build --product conform >&2 || exit 2

if [ ! -x "$work/venv/bin/st" ]; then
    python3 -m venv "$work/venv" >/dev/null 2>&1 || { echo "skip: cannot create a virtual environment"; exit 3; }
    "$work/venv/bin/pip" install --quiet --disable-pip-version-check 'schemathesis>=4,<5' >/dev/null 2>&1 \
        || { rm -rf "$work/venv"; echo "skip: cannot install schemathesis from PyPI"; exit 3; }
fi

log="$work/mock.log"
"$binary" mock --port 0 --root "$root" ${FUZZ_MOCK_ARGS:-} >"$log" 2>&1 &
mock_pid=$!
trap 'kill $mock_pid 2>/dev/null; wait $mock_pid 2>/dev/null' EXIT
url=""
for _ in $(seq 1 100); do
    url=$(sed -n 's/^conform mock listening on \(http:[^ ]*\)$/\1/p' "$log")
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { echo "FAIL the mock did not start:"; cat "$log"; exit 1; }

rm -f "$work/junit.xml"
"$work/venv/bin/st" run "$url/openapi.json" --checks not_a_server_error \
    -H "Authorization: Bearer conform-mock-key" --max-examples "${FUZZ_EXAMPLES:-25}" --seed 20261206 \
    --workers 2 --report junit --report-junit-path "$work/junit.xml" >"$work/schemathesis.log" 2>&1
tail -n 25 "$work/schemathesis.log"

status=0
if ! kill -0 "$mock_pid" 2>/dev/null; then
    echo "FAIL the mock stopped during the fuzzing run"; status=1
fi
peak_kb=$(awk '/VmHWM/ { print $2 }' "/proc/$mock_pid/status" 2>/dev/null || echo 0)
echo "mock peak RSS: $((peak_kb / 1024)) MB (limit 512 MB)"
[ "${peak_kb:-0}" -lt $((512 * 1024)) ] || { echo "FAIL peak RSS over 512 MB"; status=1; }
# Schemathesis also reports its own limits (schemas it cannot generate from) as errors; only a
# failed check is the mock's fault.
if [ ! -f "$work/junit.xml" ]; then
    echo "FAIL schemathesis wrote no report"; status=1
elif grep -q "<failure" "$work/junit.xml"; then
    echo "FAIL requests the mock answered with a server error:"
    grep -B2 -A6 "Server error" "$work/schemathesis.log" | head -40
    status=1
fi
[ $status -eq 0 ] && echo "fuzz: no server error, the mock stayed up"
exit $status

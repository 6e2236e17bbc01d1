#!/usr/bin/env bash
# End-to-end check of `conform mock` with the official Python SDKs: the current and previous
# major versions of openai and anthropic, each in its own virtual environment, against a mock on
# a free loopback port. Prints one line per check; exits non-zero on any failure, 0 when every
# check passed, and 3 when the environment could not be prepared (no venv, PyPI unreachable).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
work="${SDK_E2E_DIR:-$root/.build/sdk-e2e}"
mkdir -p "$work"

binary="$root/.build/debug/conform"
[ -x "$binary" ] || swift build --product conform >&2 || exit 2

make_venv() {  # name, pip requirements...
    local dir="$work/$1"; shift
    # Made again when the requirements change.
    if [ ! -x "$dir/bin/python" ] || [ "$(cat "$dir/requirements" 2>/dev/null)" != "$*" ]; then
        rm -rf "$dir"
        python3 -m venv "$dir" >/dev/null 2>&1 || { echo "skip: cannot create a virtual environment (python3 -m venv)"; return 3; }
        "$dir/bin/pip" install --quiet --disable-pip-version-check "$@" >/dev/null 2>&1 \
            || { rm -rf "$dir"; echo "skip: cannot install $* from PyPI"; return 3; }
        echo "$*" >"$dir/requirements"
    fi
}
make_venv current 'openai>=3' 'anthropic>=2' pytest httpx || exit 3
make_venv previous 'openai<2' 'anthropic<1' || exit 3

log="$work/mock.log"
"$binary" mock --port 0 --admin >"$log" 2>&1 &
mock_pid=$!
trap 'kill $mock_pid 2>/dev/null; wait $mock_pid 2>/dev/null' EXIT
url=""
for _ in $(seq 1 100); do
    url=$(sed -n 's/^conform mock listening on \(http:[^ ]*\)$/\1/p' "$log")
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { echo "FAIL mock did not start:"; cat "$log"; exit 1; }

status=0
for venv in current previous; do
    "$work/$venv/bin/python" "$root/scripts/sdk_e2e.py" "$url" conform-mock-key "$venv" || status=1
done
# The README's example of an app's tests against the mock (it starts a mock of its own).
if CONFORM="$binary" "$work/current/bin/python" -m pytest -q -p no:cacheprovider "$root/examples/pytest" >"$work/pytest.log" 2>&1; then
    echo "PASS [current] examples/pytest: $(tail -n 1 "$work/pytest.log")"
else
    echo "FAIL [current] examples/pytest:"; cat "$work/pytest.log"; status=1
fi
exit $status

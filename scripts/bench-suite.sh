#!/usr/bin/env bash
# Benchmarks the whole suite against the embedded mock (not a test): builds conform in release
# mode, then times `conform run` under /usr/bin/time -v, printing wall time and peak RSS next to
# two references measured in the same run: the process floor (`conform --version`) and a one-case
# run (start-up, fixture and schema loading, the embedded mock, one exchange, the reports).
# Targets: under 3 s wall and under 100 MB peak RSS for the whole suite.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./scripts/setup.sh

if [ ! -x /usr/bin/time ]; then
    echo "Installing time (GNU time for peak RSS) ..." >&2
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y --no-install-recommends time >/dev/null; else sudo apt-get install -y --no-install-recommends time >/dev/null; fi
fi

swift build -c release --product conform >&2
conform="$root/.build/release/conform"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
runs="${BENCH_RUNS:-5}"

# Runs a command under GNU time and prints "<wall seconds> <peak RSS in MB> <exit code>".
measure() {
    local log="$scratch/time.log"
    local code=0
    /usr/bin/time -v -o "$log" "$@" >"$scratch/out.log" 2>&1 || code=$?
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$log")
    echo "$wall $rss $code"
}

# Measures a command $runs times and prints "<label> <median wall> <max wall> <median RSS> <max RSS> <exit codes>".
series() {
    local label="$1"
    shift
    local walls=() rsss=() codes=()
    for _ in $(seq "$runs"); do
        read -r wall rss code < <(measure "$@")
        walls+=("$wall")
        rsss+=("$rss")
        codes+=("$code")
    done
    local median_wall max_wall median_rss max_rss
    median_wall=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    max_wall=$(printf '%s\n' "${walls[@]}" | sort -g | tail -1)
    median_rss=$(printf '%s\n' "${rsss[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    max_rss=$(printf '%s\n' "${rsss[@]}" | sort -g | tail -1)
    printf '%-34s %9s %9s %12s %12s   %s\n' "$label" "$median_wall" "$max_wall" "$median_rss" "$max_rss" "$(printf '%s' "${codes[*]}" | tr ' ' ',')"
}

cases=$("$conform" fixtures list | tail -1)
echo
echo "conform suite benchmark: $runs runs each, $(nproc) cores, $cases"
printf '%-34s %9s %9s %12s %12s   %s\n' "command" "wall p50" "wall max" "RSS p50 MB" "RSS max MB" "exit codes"
series "conform --version (floor)" "$conform" --version
series "conform run --only models.list" "$conform" run --only models.list --report-dir "$scratch/reports"
series "conform run (whole suite)" "$conform" run --report-dir "$scratch/reports"
echo "targets: whole suite under 3 s wall and under 100 MB peak RSS"

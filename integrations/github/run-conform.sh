#!/usr/bin/env bash
# The GitHub Action's logic (action.yml), kept in a script so that it is tested outside GitHub
# (Tests/ConformCommandTests/GitHubActionTests.swift). Reads the action's inputs from INPUT_*
# variables, gets conform, runs it against the target, writes report.md to the step summary and
# the results to the step outputs. Always exits 0 once conform ran: the action's last step fails
# the job from the exit-code output, after the report has been uploaded.
#
# Inputs (environment):
#   INPUT_BASE_URL      the server to check (required unless INPUT_TARGET names one)
#   INPUT_TARGET        a target file written by `conform discover`
#   INPUT_API_KEY       the key (else GPUSTACK_API_KEY as set for the step)
#   INPUT_FAIL_ON       must | should | any | never (default must)
#   INPUT_ARGS          more `conform run` arguments, split on spaces
#   INPUT_CONFORM_PATH  an installed conform binary to use
#   INPUT_BUNDLE_URL    else: a release bundle (.tar.gz) to download; its .sha256 beside it is checked
#   INPUT_SOURCE_DIR    else: a conform checkout to build (default: the action's own folder)
#   INPUT_REPORT_DIR    where the report folder goes (default: conform-reports)
#   RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY   as GitHub sets them
set -euo pipefail

fail() { echo "::error title=conform::$*" >&2; exit 2; }
output() { echo "$1=$2" >>"${GITHUB_OUTPUT:-/dev/null}"; }

workspace="${RUNNER_TEMP:-$(mktemp -d)}/conform-action"
mkdir -p "$workspace"

# 1. conform itself: a given binary, else a release bundle, else a build of the source.
conform=""
if [ -n "${INPUT_CONFORM_PATH:-}" ]; then
    [ -x "$INPUT_CONFORM_PATH" ] || fail "conform-path $INPUT_CONFORM_PATH is not an executable file"
    conform="$INPUT_CONFORM_PATH"
elif [ -n "${INPUT_BUNDLE_URL:-}" ]; then
    archive="$workspace/$(basename "${INPUT_BUNDLE_URL%%\?*}")"
    curl -fsSL --retry 3 -o "$archive" "$INPUT_BUNDLE_URL" || fail "cannot download $INPUT_BUNDLE_URL"
    curl -fsSL --retry 3 -o "$archive.sha256" "$INPUT_BUNDLE_URL.sha256" || fail "cannot download $INPUT_BUNDLE_URL.sha256"
    expected=$(cut -d' ' -f1 "$archive.sha256")
    actual=$(sha256sum "$archive" | cut -d' ' -f1)
    [ "$expected" = "$actual" ] || fail "the bundle's SHA-256 is $actual, not $expected as $INPUT_BUNDLE_URL.sha256 says"
    tar -xzf "$archive" -C "$workspace"
    conform=$(find "$workspace" -path '*/bin/conform' -type f | head -n 1)
    [ -n "$conform" ] || fail "the bundle has no bin/conform"
    # The runtime libraries the bundle needs (a no-op when present).
    if ! ldconfig -p | grep -q 'libjansson\.so\.4' && command -v apt-get >/dev/null; then
        sudo apt-get install -y --no-install-recommends libjansson4 libcurl4 >/dev/null
    fi
else
    source_dir="${INPUT_SOURCE_DIR:-${GITHUB_ACTION_PATH:-}}"
    [ -n "$source_dir" ] && [ -f "$source_dir/Package.swift" ] || fail "no conform-path, bundle-url or conform source to build"
    command -v swift >/dev/null || fail "building conform needs Swift 6.2 or later; or give bundle-url or conform-path"
    "$source_dir/scripts/setup.sh"
    (cd "$source_dir" && swift build -c release --product conform >"$workspace/build.log" 2>&1) || {
        cat "$workspace/build.log" >&2
        fail "the build of conform failed"
    }
    conform="$source_dir/.build/release/conform"
fi
"$conform" --version | sed 's/^/conform: /' >&2

# 2. The run.
[ -n "${INPUT_BASE_URL:-}" ] || [ -n "${INPUT_TARGET:-}" ] || fail "give base-url or target: the action checks a running server"
report_parent="${INPUT_REPORT_DIR:-conform-reports}"
mkdir -p "$report_parent"
arguments=(run --report-dir "$report_parent" --format json,junit,md,html --fail-on "${INPUT_FAIL_ON:-must}")
[ -n "${INPUT_BASE_URL:-}" ] && arguments+=(--base-url "$INPUT_BASE_URL")
[ -n "${INPUT_TARGET:-}" ] && arguments+=(--target "$INPUT_TARGET")
if [ -n "${INPUT_ARGS:-}" ]; then
    read -r -a extra <<<"$INPUT_ARGS"
    arguments+=("${extra[@]}")
fi
before=$(ls -1 "$report_parent")
status=0
GPUSTACK_API_KEY="${INPUT_API_KEY:-${GPUSTACK_API_KEY:-}}" CI=true "$conform" "${arguments[@]}" || status=$?
output exit-code "$status"

# 3. The report: the folder this run made, its summary and counts.
folder=$(comm -13 <(echo "$before") <(ls -1 "$report_parent") | head -n 1)
if [ -z "$folder" ]; then
    output report-dir ""
    echo "conform wrote no report (exit code $status): see the log above" >>"${GITHUB_STEP_SUMMARY:-/dev/null}"
    exit 0
fi
report="$report_parent/$folder"
output report-dir "$report"
[ -f "$report/report.md" ] && cat "$report/report.md" >>"${GITHUB_STEP_SUMMARY:-/dev/null}"
if [ -f "$report/report.json" ] && command -v python3 >/dev/null; then
    python3 - "$report/report.json" >>"${GITHUB_OUTPUT:-/dev/null}" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
totals = report["totals"]["all"]
print(f"outcome={report['outcome']['status']}")
for name in ("passed", "failed", "failedMust", "unsupported", "skipped", "errors", "baselined", "total"):
    print(f"{name}={totals[name]}")
PY
fi
exit 0

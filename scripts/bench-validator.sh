#!/usr/bin/env bash
# Benchmarks ConformSchema against Python's jsonschema (Draft202012Validator) on a ~1 MiB OpenAI
# embeddings response, in one run on this machine: parse + validate, and validate alone, each the
# median of RUNS runs. Prints both times and the ratio; exits 1 when conform is not at least 5x
# faster (the target), 2 when a tool is missing.
#
# usage: scripts/bench-validator.sh [RUNS]      (default 30)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bench="$root/scripts/bench-validator"
runs="${1:-30}"
target=5

python3 -c "import jsonschema, referencing" 2>/dev/null || {
    echo "bench-validator: Python's jsonschema is missing (pip install jsonschema)" >&2
    exit 2
}

schema="$root/Schemas/openai/embedding-response.schema.json"
[[ -f "$schema" ]] || schema="$bench/embedding-response.schema.json"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
instance="$work/embedding-response.json"
shape="$(python3 "$bench/generate_embeddings.py" $((1024 * 1024)) 1536 "$instance")"

"$root/scripts/setup.sh" >/dev/null
(cd "$root" && swift build -c release --product schema-bench >&2)
swift_figures="$("$root/.build/release/schema-bench" "$schema" "$instance" "$runs")"
python_figures="$(python3 "$bench/jsonschema_timing.py" "$schema" "$instance" "$runs")"

python3 - "$shape" "$swift_figures" "$python_figures" "$schema" "$runs" "$target" <<'REPORT'
import json, sys
shape, ours, theirs = (json.loads(argument) for argument in sys.argv[1:4])
schema, runs, target = sys.argv[4], sys.argv[5], float(sys.argv[6])
print(f"instance: {shape['bytes'] / 1048576:.2f} MiB, {shape['embeddings']} embeddings x {shape['dimension']} floats")
print(f"schema:   {schema}")
print(f"median of {runs} runs, milliseconds\n")
print(f"{'':20}{'conform (Swift)':>18}{'jsonschema ' + theirs['version'] + ' (Python)':>30}{'ratio':>10}")
ratios = {}
for key, label in [("parse_ms", "parse only"), ("parse_and_validate_ms", "parse + validate"), ("validate_ms", "validate only")]:
    ratio = theirs[key] / ours[key]
    ratios[key] = ratio
    print(f"{label:20}{ours[key]:>18.2f}{theirs[key]:>30.2f}{ratio:>9.1f}x")
met = ratios["parse_and_validate_ms"] >= target and ratios["validate_ms"] >= target
print(f"\ntarget: at least {target:g}x faster for parse + validate and validate only: {'met' if met else 'NOT met'}")
sys.exit(0 if met else 1)
REPORT

#!/usr/bin/env bash
# Runs the official JSON-Schema-Test-Suite against ConformSchema: every required draft 2020-12 case,
# then optional/ and optional/format/ reported separately. Prints per-file pass counts, the failures
# with their descriptions and the pass rates; exits 1 when fewer than 95% of the required cases
# pass, 2 when the suite cannot be found.
#
# usage: scripts/json-schema-test-suite.sh [SUITE_PATH]
#        (default: ../shared/specs/JSON-Schema-Test-Suite beside the checkout)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
suite="${1:-$root/../shared/specs/JSON-Schema-Test-Suite}"
if [[ ! -d "$suite/tests-draft2020-12" ]]; then
    echo "json-schema-test-suite: no tests-draft2020-12/ under $suite" >&2
    echo "usage: $0 SUITE_PATH  (a checkout of json-schema-org/JSON-Schema-Test-Suite)" >&2
    exit 2
fi
"$root/scripts/setup.sh" >/dev/null
(cd "$root" && swift build -c release --product schema-suite >&2)
exec "$root/.build/release/schema-suite" "$suite"

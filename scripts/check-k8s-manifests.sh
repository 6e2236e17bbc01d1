#!/usr/bin/env bash
# Validates the Kubernetes manifests in deploy/kubernetes/ offline, against the schemas of the
# oldest and newest Kubernetes versions kubernetes-validate (PyPI) bundles that we support, in
# strict mode (an unknown field fails). To prove the validator can fail here, a copy with a
# misspelt field must be refused. Exits 0 when all hold, 1 on a failure, 3 when the validator
# cannot be installed (no venv, PyPI unreachable).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${K8S_CHECK_DIR:-$root/.build/k8s-check}"
mkdir -p "$work"
venv="$work/venv"
if [ ! -x "$venv/bin/kubernetes-validate" ]; then
    python3 -m venv "$venv" >/dev/null 2>&1 || { echo "skip: cannot create a virtual environment"; exit 3; }
    "$venv/bin/pip" install --quiet --disable-pip-version-check kubernetes-validate >/dev/null 2>&1 \
        || { rm -rf "$venv"; echo "skip: cannot install kubernetes-validate from PyPI"; exit 3; }
fi
validate() { "$venv/bin/kubernetes-validate" --strict --quiet "$@"; }

status=0
for manifest in "$root"/deploy/kubernetes/*.yaml; do
    for version in 1.29.0 1.33.0; do
        if validate -k "$version" "$manifest"; then
            echo "PASS $(basename "$manifest") against Kubernetes $version"
        else
            echo "FAIL $(basename "$manifest") against Kubernetes $version"; status=1
        fi
    done
    broken="$work/broken-$(basename "$manifest")"
    sed 's/containerPort:/containerPrt:/' "$manifest" >"$broken"
    if validate "$broken" >/dev/null 2>&1; then
        echo "FAIL a copy of $(basename "$manifest") with a misspelt field passed: the validator checks nothing"; status=1
    else
        echo "PASS a copy of $(basename "$manifest") with a misspelt field is refused"
    fi
done
exit $status

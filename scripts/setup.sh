#!/usr/bin/env bash
# Installs the two C libraries conform links against (libcurl, jansson) when they are missing, and
# libxml2, which Foundation's XML parser (used by the report tests) loads at run time.
# Safe to run any number of times; does nothing when all are present.
set -euo pipefail

if pkg-config --exists libcurl jansson 2>/dev/null && ldconfig -p 2>/dev/null | grep 'libxml2\.so\.2 ' >/dev/null; then
    exit 0
fi

packages=(libcurl4-openssl-dev libjansson-dev pkg-config libxml2)
if ! command -v apt-get >/dev/null 2>&1; then
    echo "conform needs libcurl and jansson development files (${packages[*]}); install them with your package manager." >&2
    exit 2
fi

run_as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

echo "Installing ${packages[*]} ..." >&2
export DEBIAN_FRONTEND=noninteractive
if ! run_as_root apt-get install -y --no-install-recommends "${packages[@]}" >/dev/null; then
    run_as_root apt-get update >/dev/null
    run_as_root apt-get install -y --no-install-recommends "${packages[@]}" >/dev/null
fi
pkg-config --exists libcurl jansson

#!/usr/bin/env bash
# Builds the relocatable release bundle: a release build with the Swift runtime linked statically,
# laid out as bin/conform and share/conform/ (Fixtures, Schemas, REVISION), packed as
# conform-<version>-linux-<arch>.tar.gz with a SHA-256 file beside it. At run time the binary
# needs glibc, libcurl and jansson from the distribution, nothing from a Swift toolchain; the
# script refuses a binary that links anything from one.
#
#   scripts/package.sh [OUTPUT_DIR]        (default: dist/)
#
# The build goes to .build-package/, apart from the everyday .build/, so neither rebuilds the other.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-$root/dist}" && cd "${1:-$root/dist}" && pwd)"
cd "$root"
"$root/scripts/setup.sh"

version=$(sed -n 's/^ *static let current = "\(.*\)"$/\1/p' Sources/conform/Conform.swift)
[ -n "$version" ] || { echo "package: cannot read the version from Sources/conform/Conform.swift" >&2; exit 2; }
arch=$(uname -m)
revision=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
if [ "$revision" != unknown ] && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    revision="$revision-modified"
fi
name="conform-$version-linux-$arch"
scratch="$root/.build-package"
log="$scratch/package-build.log"
mkdir -p "$scratch"

echo "package: building $name (revision $revision; a cold build takes several minutes) ..." >&2
if ! swift build -c release --product conform --static-swift-stdlib --scratch-path "$scratch" >"$log" 2>&1; then
    grep -v -e "unhandled; explicitly declare them" -e "CMakeLists.txt" "$log" >&2
    echo "package: the build failed (full log: $log)" >&2
    exit 2
fi
binary="$scratch/release/conform"

# Nothing from a Swift toolchain at run time: no libswift*, libFoundation*, libdispatch, no RUNPATH.
toolchain_links=$(ldd "$binary" | grep -E 'libswift|libFoundation|libdispatch|libBlocksRuntime|_InternalSwift|not found' || true)
if [ -n "$toolchain_links" ]; then
    echo "package: the binary still needs a Swift toolchain at run time:" >&2
    echo "$toolchain_links" >&2
    exit 1
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
bundle="$stage/$name"
mkdir -p "$bundle/bin" "$bundle/share/conform" "$bundle/share/doc/conform"
cp "$binary" "$bundle/bin/conform"
strip --strip-unneeded "$bundle/bin/conform" 2>/dev/null || true
cp -R Fixtures Schemas "$bundle/share/conform/"
echo "$revision" >"$bundle/share/conform/REVISION"
cp README.md "$bundle/share/doc/conform/README.md"
cp reports/README.md "$bundle/share/doc/conform/reports.md"

# The same sources give the same archive: sorted names, fixed owners, the commit's time.
stamp=$(git log -1 --format=%ct 2>/dev/null || date +%s)
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$stamp" -cf - "$name" | gzip -n -9 >"$out/$name.tar.gz"
(cd "$out" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
echo "package: $out/$name.tar.gz ($(du -h "$out/$name.tar.gz" | cut -f1)), $(cut -d' ' -f1 "$out/$name.tar.gz.sha256")" >&2
echo "$out/$name.tar.gz"

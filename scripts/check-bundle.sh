#!/usr/bin/env bash
# The release check of a bundle: builds a minimal Debian root with debootstrap, installs into it
# only libcurl4, libjansson4 and ca-certificates, unpacks the bundle there, and inside it runs
# `conform --version`, `conform run` (the embedded mock), `conform mock` answered by curl from
# outside, and `conform run` against that mock. A bundle that needs anything else (a Swift
# toolchain, another library, its checkout) fails. Needs root (debootstrap, chroot, mount) and
# a Debian mirror; the bare root is cached in .build/debootstrap-<suite>/ between runs.
#
#   scripts/check-bundle.sh dist/conform-<version>-linux-<arch>.tar.gz
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
archive="$(cd "$(dirname "${1:?usage: check-bundle.sh BUNDLE.tar.gz}")" && pwd)/$(basename "$1")"
[ -f "$archive" ] || { echo "check-bundle: no such bundle: $1" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "check-bundle: needs root (debootstrap, chroot, mount)" >&2; exit 2; }
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends debootstrap >/dev/null

. /etc/os-release
suite="${CHECK_SUITE:-${VERSION_CODENAME:-bookworm}}"
mirror="${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *\(http[^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)}"
mirror="${mirror:-http://deb.debian.org/debian}"
cache="$root/.build/debootstrap-$suite"
mkdir -p "$root/.build"
if [ ! -f "$cache/.complete" ]; then
    echo "check-bundle: building a minimal Debian $suite root from $mirror (once; cached in $cache) ..." >&2
    rm -rf "$cache"
    debootstrap --variant=minbase --include=libcurl4,libjansson4,ca-certificates "$suite" "$cache" "$mirror" >"$cache.log" 2>&1 \
        || { tail -n 20 "$cache.log" >&2; echo "check-bundle: debootstrap failed (log: $cache.log)" >&2; exit 2; }
    touch "$cache/.complete"
fi

system="$(mktemp -d)"
mock_pid=""
cleanup() {
    [ -n "$mock_pid" ] && kill "$mock_pid" 2>/dev/null
    umount "$system/proc" "$system/dev" 2>/dev/null || true
    rm -rf "$system"
}
trap cleanup EXIT
cp -a "$cache/." "$system/"
mkdir -p "$system/opt/conform"
tar -xzf "$archive" -C "$system/opt/conform" --strip-components=1
mount -t proc proc "$system/proc"
mount --bind /dev "$system/dev"
inside() { chroot "$system" /usr/bin/env -i PATH=/opt/conform/bin:/usr/bin:/bin HOME=/tmp "$@"; }

status=0
check() {  # name, command...
    local name="$1"; shift
    if "$@"; then echo "PASS $name"; else echo "FAIL $name"; status=1; fi
}

toolchain=$(find "$system" -xdev \( -name 'libswiftCore.so*' -o -name 'libFoundation.so*' -o -name 'swift' -type f \) -print -quit)
check "no Swift toolchain in the root" test -z "$toolchain"
only_root_libraries() {
    local linked
    linked=$(chroot "$system" ldd /opt/conform/bin/conform 2>&1) || { echo "$linked" >&2; return 1; }
    ! echo "$linked" | grep -E 'not found|swift|Foundation|dispatch' >&2
}
check "the binary needs only the root's libraries (ldd)" only_root_libraries
echo "--- conform --version"; inside sh -c 'cd /tmp && conform --version' | sed 's/^/    /'
names_bundle_data() { inside sh -c 'cd /tmp && conform --version' | grep -q 'the bundle beside the binary'; }
check "conform --version names the bundle's data" names_bundle_data
check "conform run against the embedded mock passes" inside sh -c 'cd /tmp && conform run --fail-on any --report-dir /tmp/reports >/tmp/run.log 2>&1 || { tail -n 30 /tmp/run.log; exit 1; }'

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 18080)
chroot "$system" /usr/bin/env -i PATH=/opt/conform/bin:/usr/bin:/bin HOME=/tmp conform mock --port "$port" >"$system/tmp/mock.log" 2>&1 &
mock_pid=$!
for _ in $(seq 1 100); do grep -q "listening on" "$system/tmp/mock.log" 2>/dev/null && break; sleep 0.1; done
check "conform mock answers curl from outside" bash -c "curl -fsS -H 'Authorization: Bearer conform-mock-key' http://127.0.0.1:$port/v1/models | grep -q '\"object\":\"list\"'"
check "conform run against that mock passes" inside sh -c "cd /tmp && GPUSTACK_API_KEY=conform-mock-key conform run --base-url http://127.0.0.1:$port --report-dir /tmp/reports >/tmp/run2.log 2>&1 || { tail -n 30 /tmp/run2.log; exit 1; }"
[ $status -eq 0 ] && echo "check-bundle: $(basename "$archive") runs on a bare Debian $suite with libcurl4, libjansson4 and ca-certificates only"
exit $status

#!/usr/bin/env bash
# Regenerates the binary fixture assets under Fixtures/assets/ (see Fixtures/assets/README.md):
# a spoken sentence as WAV (espeak-ng, apt package espeak-ng) and a small picture as PNG (Python's
# zlib). The committed files are what the fixtures and goldens use; run this only to rebuild them.
set -euo pipefail
cd "$(dirname "$0")/.."
assets=Fixtures/assets

if ! command -v espeak-ng >/dev/null 2>&1; then
    echo "espeak-ng is needed for the speech asset: apt-get install espeak-ng" >&2
    exit 2
fi
espeak-ng -v en-us -s 150 -p 45 -w "$assets/hello-panda.wav" "Hello! What is a panda?"

python3 - "$assets/sunrise-64.png" <<'PY'
import struct, sys, zlib

width = height = 64

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

rows = bytearray()
for y in range(height):
    rows.append(0)  # filter type None
    for x in range(width):
        sun = (x - 32) ** 2 + (y - 40) ** 2 < 14 ** 2
        sky = (255 - y * 2, 120 + y, 60 + y * 2)
        rows += bytes((255, 200, 40) if sun else sky) if y < 44 else bytes((30, 90 - (y - 44), 40))
png = b"\x89PNG\r\n\x1a\n"
png += chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(bytes(rows), 9))
png += chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
ls -l "$assets"

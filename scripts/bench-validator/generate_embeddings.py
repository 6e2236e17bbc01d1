"""Writes an OpenAI embeddings response of about the requested size: float vectors of the given
dimension, values as a model returns them (unit-length vectors printed with full precision)."""
import json
import math
import random
import sys

target_bytes, dimension, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(42)


def vector():
    values = [rng.gauss(0, 1) for _ in range(dimension)]
    norm = math.sqrt(sum(v * v for v in values))
    return [v / norm for v in values]


def document(count):
    return {
        "object": "list",
        "data": [{"object": "embedding", "index": i, "embedding": vector()} for i in range(count)],
        "model": "bge-m3",
        "usage": {"prompt_tokens": 8 * count, "total_tokens": 8 * count},
    }


probe = len(json.dumps(document(1)))
count = max(1, round(target_bytes / probe))
text = json.dumps(document(count))
with open(path, "w") as output:
    output.write(text)
print(json.dumps({"bytes": len(text), "embeddings": count, "dimension": dimension}))

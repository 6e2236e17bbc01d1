"""Times Python's jsonschema (Draft202012Validator) on one instance: json.loads + validate, and
validate alone, each the median of RUNS runs. Schemas beside the schema file are registered by
$id so cross-file references resolve. Prints the figures as JSON."""
import importlib.metadata
import json
import pathlib
import statistics
import sys
import time

import jsonschema
from referencing import Registry, Resource

schema_path, instance_path, runs = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
schema = json.loads(schema_path.read_text())
resources = []
for candidate in schema_path.parent.parent.rglob("*.schema.json"):
    document = json.loads(candidate.read_text())
    if isinstance(document, dict) and "$id" in document:
        resources.append((document["$id"], Resource.from_contents(document)))
validator = jsonschema.Draft202012Validator(schema, registry=Registry().with_resources(resources))
text = instance_path.read_bytes()


def median_ms(action):
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


instance = json.loads(text)
assert validator.is_valid(instance), next(validator.iter_errors(instance)).message
print(json.dumps({
    "version": importlib.metadata.version("jsonschema"),
    "parse_ms": median_ms(lambda: json.loads(text)),
    "parse_and_validate_ms": median_ms(lambda: validator.validate(json.loads(text))),
    "validate_ms": median_ms(lambda: validator.validate(instance)),
}))

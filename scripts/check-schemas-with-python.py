#!/usr/bin/env python3
"""Cross-check Schemas/ and their examples with Python's jsonschema, independently of ConformSchema.

Checks what Tests/SchemaFilesTests checks: every schema is a valid 2020-12 document with a
$schema, an $id matching its path, a title and a description; every schema has an examples
file with at least one valid and three invalid cases; each valid instance validates; each
invalid instance fails with a violation at the expected instance pointer and keyword.

Usage: scripts/check-schemas-with-python.py   (needs: pip install jsonschema)
Exit status: 0 when everything holds, 1 when something does not.
"""
import json
import pathlib
import sys

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "Schemas"
EXAMPLES = ROOT / "Tests" / "SchemaFilesTests" / "Examples"
ID_PREFIX = "https://conform.invalid/schemas/"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
MINIMUM_INVALID_CASES = 3


def pointer(path):
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def all_errors(errors):
    for error in errors:
        yield error
        yield from all_errors(error.context)


def main():
    problems = []
    documents = {}
    for path in sorted(SCHEMAS.rglob("*.schema.json")):
        name = str(path.relative_to(SCHEMAS))[: -len(".schema.json")]
        try:
            document = json.loads(path.read_text())
        except ValueError as error:
            problems.append(f"{name}: not JSON: {error}")
            continue
        if document.get("$schema") != DIALECT:
            problems.append(f"{name}: $schema is not {DIALECT}")
        if document.get("$id") != f"{ID_PREFIX}{name}.schema.json":
            problems.append(f"{name}: $id is {document.get('$id')!r}")
        for key in ("title", "description"):
            if not document.get(key):
                problems.append(f"{name}: no {key}")
        try:
            Draft202012Validator.check_schema(document)
        except Exception as error:  # the metaschema's own error type varies between versions
            problems.append(f"{name}: not a valid 2020-12 schema: {error}")
            continue
        documents[name] = document

    registry = Registry().with_resources(
        (document["$id"], Resource.from_contents(document)) for document in documents.values()
    )
    cases = 0
    for name, document in documents.items():
        example_path = EXAMPLES / f"{name}.json"
        if not example_path.exists():
            problems.append(f"{name}: no examples file {example_path.relative_to(ROOT)}")
            continue
        examples = json.loads(example_path.read_text())
        if examples.get("schema") != name:
            problems.append(f"{example_path.relative_to(ROOT)}: names schema {examples.get('schema')!r}")
        valid, invalid = examples.get("valid", []), examples.get("invalid", [])
        if not valid or len(invalid) < MINIMUM_INVALID_CASES:
            problems.append(f"{name}: {len(valid)} valid and {len(invalid)} invalid cases")
        validator = Draft202012Validator(document, registry=registry)
        for case in valid:
            cases += 1
            for error in validator.iter_errors(case["instance"]):
                problems.append(
                    f"{name}: valid case {case['description']!r} fails at "
                    f"{pointer(error.absolute_path)!r} ({error.validator}): {error.message[:200]}"
                )
        for case in invalid:
            cases += 1
            found = list(all_errors(validator.iter_errors(case["instance"])))
            if not found:
                problems.append(f"{name}: invalid case {case['description']!r} validates")
            elif not any(
                pointer(error.absolute_path) == case["pointer"] and error.validator == case["keyword"]
                for error in found
            ):
                seen = sorted({(pointer(error.absolute_path), error.validator) for error in found})
                problems.append(
                    f"{name}: invalid case {case['description']!r} expected "
                    f"({case['pointer']!r}, {case['keyword']}), got {seen}"
                )
    for path in sorted(EXAMPLES.rglob("*.json")):
        name = str(path.relative_to(EXAMPLES))[: -len(".json")]
        if name not in documents:
            problems.append(f"{path.relative_to(ROOT)}: no schema Schemas/{name}.schema.json")

    for problem in problems:
        print(problem)
    print(f"{len(documents)} schemas, {cases} cases, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

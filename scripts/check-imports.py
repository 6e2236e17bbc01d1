#!/usr/bin/env python3
"""Checks that Package.swift declares what each target imports, and imports what it declares.

For every target, the modules its Swift files import (plain, public or @testable) must be among
its declared dependencies (targets, or products of the packages it depends on), and every declared
dependency must be imported by some file. Platform modules (Glibc, Foundation, Synchronization,
Testing, XCTest, Dispatch, the C library targets' own names when declared) are exempt from the
first rule, but Glibc must sit behind `#if canImport(Glibc)` (the package also declares macOS).
Prints each problem and exits 1 when there is any."""
import json, os, re, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
dump = json.loads(subprocess.run(["swift", "package", "dump-package"], cwd=root, check=True, capture_output=True, text=True).stdout)
platform = {"Glibc", "Darwin", "Foundation", "FoundationEssentials", "FoundationXML", "Synchronization", "Testing", "XCTest", "Dispatch", "_Concurrency", "os"}
# A product's module name is the product's name for the packages used here.
problems = []
import_line = re.compile(r'^\s*(?:@testable\s+|public\s+|internal\s+|package\s+|@_exported\s+)*import\s+(?:struct\s+|enum\s+|class\s+|func\s+)?([A-Za-z_][A-Za-z0-9_]*)', re.M)
for target in dump["targets"]:
    if target["type"] == "system":
        continue
    name = target["name"]
    path = target.get("path") or (("Tests/" if target["type"] == "test" else "Sources/") + name)
    declared = set()
    for dependency in target["dependencies"]:
        for kind in ("byName", "target", "product"):
            if kind in dependency:
                declared.add(dependency[kind][0])
    imported = {}
    guarded_glibc = True
    for directory, _, files in os.walk(os.path.join(root, path)):
        for file in files:
            if not file.endswith(".swift"):
                continue
            text = open(os.path.join(directory, file), encoding="utf-8").read()
            for module in import_line.findall(text):
                imported.setdefault(module, os.path.relpath(os.path.join(directory, file), root))
            if re.search(r'^\s*import\s+Glibc', text, re.M) and "canImport(Glibc)" not in text:
                problems.append(f"{os.path.relpath(os.path.join(directory, file), root)}: imports Glibc without #if canImport(Glibc)")
    for module, file in sorted(imported.items()):
        if module not in declared and module not in platform and module != name:
            problems.append(f"{name}: {file} imports {module}, which Package.swift does not declare")
    for module in sorted(declared - set(imported)):
        problems.append(f"{name}: Package.swift declares {module}, which no file imports")
for problem in problems:
    print(problem)
if problems:
    sys.exit(1)
print(f"{len(dump['targets'])} targets: every import declared, every declaration imported")

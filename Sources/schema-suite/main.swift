import Foundation
import SchemaTestSuite

// Runs the official JSON-Schema-Test-Suite (draft 2020-12) and prints per-file pass counts, the
// failures with their descriptions and the pass rate of each section. Exits 1 when fewer than 95%
// of the required cases pass, 2 when the suite cannot be found.

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 1, let path = arguments.first, !path.hasPrefix("-") else {
    FileHandle.standardError.write(Data("usage: schema-suite SUITE_PATH  (a JSON-Schema-Test-Suite checkout)\n".utf8))
    exit(2)
}

let report: SuiteReport
do {
    report = try JSONSchemaTestSuite.run(suite: URL(filePath: path, directoryHint: .isDirectory))
} catch {
    FileHandle.standardError.write(Data("schema-suite: cannot run the suite at \(path): \(error.localizedDescription)\n".utf8))
    exit(2)
}

func percentage(_ rate: Double) -> String {
    String(format: "%.1f%%", rate * 100)
}

for section in SuiteSection.allCases {
    let files = report.files.filter { $0.section == section }
    guard !files.isEmpty else { continue }
    let note = section == .formatAssertion ? " (format is an annotation here, not an assertion; informational)" : ""
    print("\n== \(section.rawValue)\(note)")
    let width = files.map(\.file.count).max() ?? 0
    for file in files {
        let counts = "\(file.passed)/\(file.total)"
        let marker = file.passed == file.total && file.error == nil ? "" : "  ✘"
        print("  \(file.file.padding(toLength: width, withPad: " ", startingAt: 0))  \(counts)\(marker)")
    }
    let failing = files.filter { !$0.failures.isEmpty || $0.error != nil }
    if !failing.isEmpty && section != .formatAssertion {
        print("  failures:")
        for file in failing {
            if let error = file.error { print("    \(file.file): \(error)") }
            for failure in file.failures {
                print("    \(file.file): \(failure.group) / \(failure.test): \(failure.detail)")
            }
        }
    }
    let counts = "\(report.passed(in: section))/\(report.total(in: section))"
    print("  \(section.rawValue): \(counts) passed (\(percentage(report.passRate(in: section))))")
}

let requiredRate = report.passRate(in: .required)
let requiredCounts = "\(report.passed(in: .required))/\(report.total(in: .required))"
print(
    "\nrequired draft 2020-12 cases: \(requiredCounts) = \(percentage(requiredRate))"
        + " (bar: \(percentage(JSONSchemaTestSuite.requiredPassRate)))")
exit(requiredRate >= JSONSchemaTestSuite.requiredPassRate ? 0 : 1)

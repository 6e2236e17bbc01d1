import ConformJSON
import ConformSchema
import Foundation

/// Runs the official JSON-Schema-Test-Suite (draft 2020-12) against ConformSchema. Each group's
/// schema is compiled once with `http://localhost:1234/` served from the suite's `remotes/`;
/// each case passes when the verdict matches and the detailed report agrees with it.
public enum JSONSchemaTestSuite {
    /// The share of required cases that must pass.
    public static let requiredPassRate = 0.95

    public static let draftDirectory = "tests-draft2020-12"
    public static let remotesPrefix = "http://localhost:1234/"

    /// Finds the suite for a checkout at `packageRoot`: `JSON_SCHEMA_TEST_SUITE` when set, else
    /// `shared/specs/JSON-Schema-Test-Suite` beside the checkout or beside one of its parents.
    public static func locate(fromPackageRoot packageRoot: URL) -> URL? {
        if let configured = ProcessInfo.processInfo.environment["JSON_SCHEMA_TEST_SUITE"], !configured.isEmpty {
            return URL(filePath: configured, directoryHint: .isDirectory)
        }
        var directory = packageRoot.standardizedFileURL.deletingLastPathComponent()
        while true {
            let candidate = directory.appending(path: "shared/specs/JSON-Schema-Test-Suite", directoryHint: .isDirectory)
            if FileManager.default.fileExists(atPath: candidate.appending(path: draftDirectory).path) { return candidate }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return nil }
            directory = parent
        }
    }

    /// Runs the files of `sections` found under `suite`.
    public static func run(suite: URL, sections: [SuiteSection] = SuiteSection.allCases) throws -> SuiteReport {
        let draft = suite.appending(path: draftDirectory, directoryHint: .isDirectory)
        let remotes = [remotesPrefix: suite.appending(path: "remotes", directoryHint: .isDirectory)]
        guard FileManager.default.fileExists(atPath: draft.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: draft.path])
        }
        var results: [SuiteFileResult] = []
        for section in sections {
            let directory = section == .required ? draft : draft.appending(path: section.rawValue, directoryHint: .isDirectory)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for file in files.filter({ $0.hasSuffix(".json") }).sorted() {
                let relative = section == .required ? file : "\(section.rawValue)/\(file)"
                results.append(runFile(directory.appending(path: file), named: relative, section: section, remotes: remotes))
            }
        }
        return SuiteReport(files: results)
    }

    /// The number of test cases in a file the strict parser rejects, read leniently.
    private static func countCases(in bytes: Data) -> Int {
        let groups = (try? JSONSerialization.jsonObject(with: bytes)) as? [[String: Any]] ?? []
        return groups.reduce(0) { $0 + (($1["tests"] as? [Any])?.count ?? 0) }
    }

    private static func runFile(_ file: URL, named name: String, section: SuiteSection, remotes: [String: URL]) -> SuiteFileResult
    {
        var result = SuiteFileResult(file: name, section: section, passed: 0, total: 0, failures: [], error: nil)
        let groups: [JSON]
        let bytes: Data
        do {
            bytes = try Data(contentsOf: file)
        } catch {
            result.error = "cannot read the file: \(error.localizedDescription)"
            return result
        }
        do {
            guard case .array(let parsed) = try JSON(parsing: Array(bytes)) else {
                result.error = "the file is not an array of test groups"
                return result
            }
            groups = parsed
        } catch {
            // The strict parser refuses numbers beyond 64-bit integers and doubles; the cases
            // still count, as failures, so the totals stay honest.
            result.error = "the strict JSON parser rejects the file: \(error)"
            result.total = Self.countCases(in: bytes)
            return result
        }
        for group in groups {
            let groupName = group["description"]?.stringValue ?? "?"
            let tests = group["tests"]?.arrayValue ?? []
            result.total += tests.count
            let schema: CompiledSchema
            do {
                schema = try CompiledSchema(json: group["schema"] ?? .null, remotes: remotes)
            } catch {
                for test in tests {
                    result.failures.append(
                        SuiteFailure(
                            group: groupName, test: test["description"]?.stringValue ?? "?",
                            detail: "the schema does not compile: \(error)"))
                }
                continue
            }
            for test in tests {
                let testName = test["description"]?.stringValue ?? "?"
                let data = test["data"] ?? .null
                let expected = test["valid"]?.boolValue ?? false
                let verdict = schema.isValid(data)
                let violations = schema.validate(data)
                if verdict != expected {
                    let reason = violations.first.map { ": \($0) [\($0.schemaLocation)]" } ?? ""
                    result.failures.append(
                        SuiteFailure(
                            group: groupName, test: testName,
                            detail: "expected \(expected ? "valid" : "invalid"), got \(verdict ? "valid" : "invalid")\(reason)"))
                } else if violations.isEmpty != verdict {
                    result.failures.append(
                        SuiteFailure(
                            group: groupName, test: testName,
                            detail:
                                "the verdict is \(verdict ? "valid" : "invalid") but the report lists \(violations.count) violations"
                        ))
                } else {
                    result.passed += 1
                }
            }
        }
        return result
    }
}

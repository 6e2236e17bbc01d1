import ConformJSON
import ConformSchema

/// The verdict of a `conform validate` run and its two renderings: text with one violation per
/// line, or a JSON document listing each file's status and violations.
struct ValidationSummary {
    var schemaName: String
    var results: [FileValidationResult]

    /// 0 when every file is valid, 1 when any is invalid, 2 when any could not be validated.
    var exitCode: Int32 {
        if results.contains(where: { if case .unusable = $0.outcome { true } else { false } }) { return 2 }
        if results.contains(where: { if case .invalid = $0.outcome { true } else { false } }) { return 1 }
        return 0
    }

    /// What the command prints to standard error on a non-zero exit.
    var failureMessage: String {
        let unusable = results.filter { if case .unusable = $0.outcome { true } else { false } }.count
        let invalid = results.filter { if case .invalid = $0.outcome { true } else { false } }.count
        var parts: [String] = []
        if invalid > 0 { parts.append("\(invalid) of \(results.count) \(results.count == 1 ? "file is" : "files are") invalid") }
        if unusable > 0 { parts.append("\(unusable) could not be validated") }
        return parts.joined(separator: "; ")
    }

    var text: String {
        var lines: [String] = []
        for result in results {
            switch result.outcome {
            case .valid:
                lines.append("\(result.file): valid")
            case .invalid(let violations):
                lines.append("\(result.file): invalid, \(violations.count) violation\(violations.count == 1 ? "" : "s")")
                for violation in violations {
                    lines.append("  \(violation.description)  [\(violation.schemaLocation)]")
                }
            case .unusable(let reason, let line, let column):
                let position = line.map { line in "line \(line), column \(column ?? 0): " } ?? ""
                lines.append("\(result.file): error: \(position)\(reason)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    var json: JSON {
        let files: [JSON] = results.map { result in
            var entry: JSONObject = ["file": .string(result.file)]
            switch result.outcome {
            case .valid:
                entry["status"] = "valid"
                entry["violations"] = []
            case .invalid(let violations):
                entry["status"] = "invalid"
                entry["violations"] = .array(
                    violations.map {
                        [
                            "instancePointer": .string($0.instancePointer.description),
                            "schemaLocation": .string($0.schemaLocation),
                            "keyword": .string($0.keyword), "message": .string($0.message),
                        ]
                    })
            case .unusable(let reason, let line, let column):
                entry["status"] = "error"
                var error: JSONObject = ["reason": .string(reason)]
                if let line { error["line"] = .integer(Int64(line)) }
                if let column { error["column"] = .integer(Int64(column)) }
                entry["error"] = .object(error)
            }
            return .object(entry)
        }
        let status = ["valid", "invalid", "error"][Int(exitCode)]
        return ["schema": .string(schemaName), "status": .string(status), "files": .array(files)]
    }
}

import ConformJSON
import ConformSchema
import Foundation

/// What happened to one input file of `conform validate`.
struct FileValidationResult: Sendable {
    enum Outcome: Sendable {
        case valid
        case invalid([SchemaViolation])
        /// The file could not be read or is not JSON; `line` and `column` locate a syntax error.
        case unusable(reason: String, line: Int?, column: Int?)
    }

    /// The path as given on the command line; `-` is standard input.
    var file: String
    var outcome: Outcome
}

/// Validates input files against one schema: reads each, parses it strictly and reports its
/// violations. A file that cannot be read or parsed is a result too, so one bad file does not hide
/// the verdicts on the others.
struct FileValidation {
    var schema: CompiledSchema
    /// Reads a file by the path given; `-` means standard input.
    var read: (String) throws -> [UInt8] = FileValidation.readFileOrStandardInput

    func validate(_ files: [String]) -> [FileValidationResult] {
        files.map { file in FileValidationResult(file: file, outcome: outcome(for: file)) }
    }

    private func outcome(for file: String) -> FileValidationResult.Outcome {
        let bytes: [UInt8]
        do {
            bytes = try read(file)
        } catch {
            return .unusable(reason: "cannot read the file (\(Self.describe(error)))", line: nil, column: nil)
        }
        let instance: JSON
        do {
            instance = try JSON(parsing: bytes)
        } catch {
            return .unusable(reason: "not valid JSON: \(error.reason)", line: error.line, column: error.column)
        }
        let violations = schema.validate(instance)
        return violations.isEmpty ? .valid : .invalid(violations)
    }

    static func readFileOrStandardInput(_ path: String) throws -> [UInt8] {
        if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        return Array(try Data(contentsOf: URL(filePath: path)))
    }

    private static func describe(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError, cocoa.code == .fileReadNoSuchFile { return "no such file" }
        if let cocoa = error as? CocoaError, let underlying = cocoa.underlying as? POSIXError {
            return String(cString: strerror(underlying.code.rawValue))
        }
        return error.localizedDescription
    }
}

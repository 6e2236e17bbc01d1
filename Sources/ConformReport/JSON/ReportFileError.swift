import ConformJSON

/// Why a `report.json` file could not be read back, naming the file and, once it parsed, the JSON
/// pointer of the offending member.
public enum ReportFileError: Error, Sendable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The file is not strict JSON.
    case malformedJSON(path: String, JSONParseError)
    /// The file is JSON but not a report this version can read.
    case notAReport(path: String, ReportDecodingError)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read: \(reason)"
        case .malformedJSON(let path, let error): "\(path): not valid JSON: \(error)"
        case .notAReport(let path, let error): "\(path): not a conform report: \(error)"
        }
    }
}

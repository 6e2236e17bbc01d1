import Foundation

/// One of the files a run can be reported as; the raw value is the name `--format` takes.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    case json
    case junit
    case md
    case html

    /// The file the format is written to inside a report directory.
    public var fileName: String {
        switch self {
        case .json: "report.json"
        case .junit: "junit.xml"
        case .md: "report.md"
        case .html: "report.html"
        }
    }

    /// Parses a `--format` value such as `json,junit,md,html`: names separated by commas,
    /// surrounding spaces ignored, repeats kept once in the order first given.
    public static func list(parsing text: String) throws(ReportFormatError) -> [ReportFormat] {
        var formats: [ReportFormat] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = piece.trimmingCharacters(in: .whitespaces)
            guard let format = ReportFormat(rawValue: name.lowercased()) else { throw ReportFormatError(text: text, name: name) }
            if !formats.contains(format) { formats.append(format) }
        }
        return formats
    }
}

/// A `--format` value naming a format conform does not write.
public struct ReportFormatError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The whole value given.
    public var text: String
    /// The piece that is not a format name (empty for a stray comma).
    public var name: String

    public var description: String {
        let allowed = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
        let what = name.isEmpty ? "an empty format name" : "unknown format '\(name)'"
        return "\(what) in '\(text)'; use a comma-separated list of \(allowed)"
    }
}

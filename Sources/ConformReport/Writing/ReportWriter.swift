import Foundation

/// Writes a run's report files into a directory: the entry point the runner and `conform report`
/// call. Secrets passed in are scrubbed from every file before anything is rendered.
public enum ReportWriter {
    /// Renders one format to bytes, after scrubbing `secrets`.
    public static func render(_ report: RunReport, as format: ReportFormat, secrets: [String] = []) -> [UInt8] {
        render(SecretScrubber(secrets: secrets).scrub(report), as: format)
    }

    /// Writes each format's file (``ReportFormat/fileName``) into `directory`, creating it and its
    /// parents when missing, and returns the files in the order of `formats`. Each file is written
    /// to a temporary name and renamed, so a reader never sees half a report.
    @discardableResult
    public static func write(
        _ report: RunReport, formats: [ReportFormat], to directory: URL, secrets: [String] = []
    ) throws(ReportWriteError) -> [URL] {
        let scrubbed = SecretScrubber(secrets: secrets).scrub(report)
        try createDirectory(directory)
        var written: [URL] = []
        for format in formats where !written.contains(directory.appending(path: format.fileName)) {
            let file = directory.appending(path: format.fileName)
            do {
                try Data(render(scrubbed, as: format)).write(to: file, options: .atomic)
            } catch {
                throw ReportWriteError(path: file.path, reason: FileErrorReason.describe(error))
            }
            written.append(file)
        }
        return written
    }

    private static func render(_ scrubbed: RunReport, as format: ReportFormat) -> [UInt8] {
        switch format {
        case .json: scrubbed.jsonDocument
        case .junit: Array(JUnitRenderer().render(scrubbed).utf8)
        case .md: Array(MarkdownRenderer().render(scrubbed).utf8)
        case .html: Array(HTMLRenderer().render(scrubbed).utf8)
        }
    }

    /// Creates the directory and its missing parents one by one with `mkdir`, because Foundation on
    /// Linux reports a failure here without the reason (`Not a directory`, `Permission denied`).
    private static func createDirectory(_ directory: URL) throws(ReportWriteError) {
        var path = directory.path.hasPrefix("/") ? "" : "."
        for component in directory.path.split(separator: "/") {
            path += "/" + component
            if mkdir(path, 0o755) == 0 { continue }
            let code = errno
            var isDirectory: ObjCBool = false
            if code == EEXIST, FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                continue
            }
            throw ReportWriteError(path: directory.path, reason: String(cString: strerror(code == EEXIST ? ENOTDIR : code)))
        }
    }
}

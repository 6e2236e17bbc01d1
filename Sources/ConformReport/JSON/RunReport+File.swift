import ConformJSON
import Foundation

extension RunReport {
    /// Reads a `report.json` file strictly: bad bytes, bad JSON and a bad layout are all refused
    /// with the file's path and the place of the problem.
    public init(contentsOf file: URL) throws(ReportFileError) {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: file))
        } catch {
            throw .unreadable(path: file.path, reason: FileErrorReason.describe(error))
        }
        let json: JSON
        do {
            json = try JSON(parsing: bytes)
        } catch {
            throw .malformedJSON(path: file.path, error)
        }
        do {
            try self.init(json: json)
        } catch {
            throw .notAReport(path: file.path, error)
        }
    }
}

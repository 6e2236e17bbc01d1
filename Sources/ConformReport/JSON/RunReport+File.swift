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
            throw .unreadable(path: file.path, reason: Self.reason(for: error))
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

    /// Foundation's file errors describe themselves in Cocoa terms; the POSIX reason underneath is
    /// what a person at a terminal recognises.
    private static func reason(for error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
            let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError { return "no such file" }
        return nsError.localizedDescription
    }
}

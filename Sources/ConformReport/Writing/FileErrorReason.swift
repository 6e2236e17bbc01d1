import Foundation

/// The reason a file operation failed, in the words a person at a terminal recognises: Foundation
/// describes file errors in Cocoa terms, while the POSIX reason underneath (`No such file or
/// directory`, `Permission denied`) is what tells the user what to fix.
enum FileErrorReason {
    static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError {
            return String(cString: strerror(ENOENT))
        }
        return nsError.localizedDescription
    }
}

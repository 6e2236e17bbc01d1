#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unbuffered writes to standard error and standard output, usable from any task: the C `stdout`
/// and `stderr` globals are not concurrency-safe in Swift 6.
enum StandardError {
    static func write(_ text: String) {
        writeAll(text, to: 2)
    }
}

enum StandardOutput {
    static func write(_ text: String) {
        writeAll(text, to: 1)
    }

    static func write(bytes: [UInt8]) {
        writeAll(bytes, to: 1)
    }
}

private func writeAll(_ text: String, to descriptor: Int32) {
    writeAll(Array(text.utf8), to: descriptor)
}

private func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
    var bytes = bytes
    var offset = 0
    while offset < bytes.count {
        let written = bytes[offset...].withUnsafeMutableBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        if written <= 0 { return }
        offset += written
    }
}

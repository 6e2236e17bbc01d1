/// Text made safe to put in any report file without losing what it said: control characters
/// (other than tab, line feed and carriage return) and Unicode noncharacters, which XML forbids
/// and terminals and browsers hide, are written out as `\u{…}` escapes.
enum VisibleText {
    static func make(_ text: String) -> String {
        EscapeTable.visibleOnly.apply(text)
    }
}

/// One format's escaping: which ASCII characters are replaced and by what, applied on top of
/// ``VisibleText``. Built once per format; applying it works on UTF-8 bytes and returns the text
/// untouched when nothing in it needs escaping, since reports escape megabytes of bodies.
struct EscapeTable: Sendable {
    private let replacements: [[UInt8]?]

    /// `replacement` is asked once for each ASCII scalar; nil keeps the scalar as it is.
    init(_ replacement: (Unicode.Scalar) -> String?) {
        replacements = (0..<128).map { value in replacement(Unicode.Scalar(UInt8(value))).map { Array($0.utf8) } }
    }

    static let visibleOnly = EscapeTable { _ in nil }

    /// What an ASCII scalar is replaced with, so one table can build on another.
    func replacement(for scalar: Unicode.Scalar) -> String? {
        guard scalar.isASCII, let bytes = replacements[Int(scalar.value)] else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    func apply(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = firstIndexNeedingWork(bytes) else { return String(decoding: bytes, as: UTF8.self) }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + bytes.count / 8)
            output.append(contentsOf: bytes[..<first])
            var index = first
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if let replaced = replacements[Int(byte)] {
                        output.append(contentsOf: replaced)
                    } else if Self.isInvisibleASCII(byte) {
                        appendVisible(UInt32(byte), to: &output)
                    } else {
                        output.append(byte)
                    }
                    index += 1
                } else if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
                    appendVisible(UInt32(bytes[index + 1]), to: &output)
                    index += 2
                } else if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE {
                    appendVisible(0xFFC0 | UInt32(bytes[index + 2] & 0x3F), to: &output)
                    index += 3
                } else {
                    output.append(byte)
                    index += 1
                }
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// Where the first byte that may change is; nil when the text passes through as it is.
    private func firstIndexNeedingWork(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        bytes.firstIndex { byte in
            byte < 0x80 ? replacements[Int(byte)] != nil || Self.isInvisibleASCII(byte) : byte == 0xC2 || byte == 0xEF
        }
    }

    /// C0 controls other than tab, line feed and carriage return, and DEL.
    private static func isInvisibleASCII(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
    }

    /// `\u{1F}` for the scalar, itself passed through this table so the format's own escaping
    /// (a Markdown backslash, say) still applies to it.
    private func appendVisible(_ value: UInt32, to output: inout [UInt8]) {
        for byte in ("\\u{" + String(value, radix: 16, uppercase: true) + "}").utf8 {
            if let replaced = replacements[Int(byte)] { output.append(contentsOf: replaced) } else { output.append(byte) }
        }
    }
}

/// Parses `multipart/form-data` bodies byte by byte, without copying the body more than once, and
/// says precisely what is wrong with a malformed one.
public struct MultipartFormParser: Sendable {
    /// Why a body is not a usable multipart form.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    public init() {}

    /// The `boundary` parameter of a `multipart/form-data` content type.
    public static func boundary(fromContentType contentType: String) throws(Failure) -> String {
        let pieces = contentType.split(separator: ";").map { $0.trimmingSpaces() }
        guard let mediaType = pieces.first, mediaType.lowercased() == "multipart/form-data" else {
            throw Failure(reason: "Content-Type is '\(contentType)', expected multipart/form-data")
        }
        for parameter in pieces.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingSpaces().lowercased() == "boundary" else { continue }
            var value = pair[1].trimmingSpaces()
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            guard !value.isEmpty, value.utf8.count <= 200 else { break }
            return value
        }
        throw Failure(reason: "the multipart/form-data Content-Type has no boundary parameter")
    }

    public func parse(_ body: [UInt8], contentType: String) throws(Failure) -> MultipartForm {
        let boundary = try Self.boundary(fromContentType: contentType)
        return try parse(body, boundary: boundary)
    }

    public func parse(_ body: [UInt8], boundary: String) throws(Failure) -> MultipartForm {
        let delimiter = Array("--\(boundary)".utf8)
        guard var position = Self.find(delimiter, in: body, from: 0) else {
            throw Failure(reason: "the body does not contain the boundary '\(boundary)'")
        }
        var parts: [MultipartForm.Part] = []
        while true {
            position += delimiter.count
            if Self.hasPrefix([0x2D, 0x2D], in: body, at: position) { break }  // "--": the closing delimiter
            position = Self.skipLinearWhitespace(in: body, from: position)
            guard Self.hasPrefix([0x0D, 0x0A], in: body, at: position) else {
                throw Failure(reason: "a boundary line is not followed by CRLF at byte \(position)")
            }
            position += 2
            guard let headEnd = Self.find([0x0D, 0x0A, 0x0D, 0x0A], in: body, from: position) else {
                throw Failure(reason: "a part's headers are not terminated by a blank line")
            }
            let head = String(decoding: body[position..<headEnd], as: UTF8.self)
            let contentStart = headEnd + 4
            guard let next = Self.find([0x0D, 0x0A] + delimiter, in: body, from: contentStart) else {
                throw Failure(reason: "the body ends before the closing boundary '--\(boundary)--'")
            }
            parts.append(try Self.part(head: head, data: Array(body[contentStart..<next])))
            position = next + 2
        }
        return MultipartForm(parts: parts)
    }

    private static func part(head: String, data: [UInt8]) throws(Failure) -> MultipartForm.Part {
        var name: String?
        var filename: String?
        var contentType: String?
        for line in head.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let field = line[..<colon].trimmingSpaces().lowercased()
            let value = line[line.index(after: colon)...].trimmingSpaces()
            if field == "content-type" {
                contentType = value
            } else if field == "content-disposition" {
                for (key, parameter) in dispositionParameters(value) {
                    if key == "name" { name = parameter }
                    if key == "filename" { filename = parameter }
                }
            }
        }
        guard let name else {
            throw Failure(reason: "a part has no Content-Disposition name")
        }
        return MultipartForm.Part(name: name, filename: filename, contentType: contentType, data: data)
    }

    /// `form-data; name="a"; filename="b.png"` as key/value pairs; quoted values may contain `;`
    /// and backslash escapes. One pass over the bytes, whatever they hold.
    static func dispositionParameters(_ value: String) -> [(String, String)] {
        let bytes = Array(value.utf8)
        var result: [(String, String)] = []
        var index = 0
        func skipSpaces() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        }
        while let semicolon = bytes[index...].firstIndex(of: UInt8(ascii: ";")) {
            index = semicolon + 1
            skipSpaces()
            guard let equals = bytes[index...].firstIndex(of: UInt8(ascii: "=")) else { break }
            let key = String(decoding: bytes[index..<equals], as: UTF8.self).trimmingSpaces().lowercased()
            index = equals + 1
            var parameter: [UInt8] = []
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count { index += 1 }
                    parameter.append(bytes[index])
                    index += 1
                }
                index += 1
                result.append((key, String(decoding: parameter, as: UTF8.self)))
            } else {
                let end = bytes[index...].firstIndex(of: UInt8(ascii: ";")) ?? bytes.count
                result.append((key, String(decoding: bytes[index..<end], as: UTF8.self).trimmingSpaces()))
                index = end
            }
            if index >= bytes.count { break }
        }
        return result
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, hasPrefix(needle, in: haystack, at: index) { return index }
            index += 1
        }
        return nil
    }

    static func hasPrefix(_ prefix: [UInt8], in bytes: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset + prefix.count <= bytes.count else { return false }
        for (index, byte) in prefix.enumerated() where bytes[offset + index] != byte { return false }
        return true
    }

    private static func skipLinearWhitespace(in bytes: [UInt8], from offset: Int) -> Int {
        var offset = offset
        while offset < bytes.count, bytes[offset] == 0x20 || bytes[offset] == 0x09 { offset += 1 }
        return offset
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}

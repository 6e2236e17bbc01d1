/// A `multipart/form-data` body (RFC 7578) built from text fields and file parts. The boundary is
/// fixed at construction, so the same form always encodes to the same bytes.
public struct MultipartFormData: Sendable, Hashable {
    /// One form field: a text value, or a file with a name and a media type.
    public struct Part: Sendable, Hashable {
        public var name: String
        public var filename: String?
        public var contentType: String?
        public var data: [UInt8]

        public init(name: String, filename: String? = nil, contentType: String? = nil, data: [UInt8]) {
            self.name = name
            self.filename = filename
            self.contentType = contentType
            self.data = data
        }

        public static func text(_ name: String, _ value: String) -> Part {
            Part(name: name, data: Array(value.utf8))
        }

        public static func file(_ name: String, filename: String, contentType: String, data: [UInt8]) -> Part {
            Part(name: name, filename: filename, contentType: contentType, data: data)
        }
    }

    public var boundary: String
    public var parts: [Part]

    public init(boundary: String = "conform-form-boundary-7MA4YWxkTrZu0gW", parts: [Part] = []) {
        self.boundary = boundary
        self.parts = parts
    }

    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    public func encoded() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(parts.reduce(64) { $0 + $1.data.count + 160 })
        for part in parts {
            output += Array("--\(boundary)\r\n".utf8)
            var disposition = "Content-Disposition: form-data; name=\"\(Self.quoted(part.name))\""
            if let filename = part.filename { disposition += "; filename=\"\(Self.quoted(filename))\"" }
            output += Array((disposition + "\r\n").utf8)
            if let contentType = part.contentType { output += Array("Content-Type: \(contentType)\r\n".utf8) }
            output += Array("\r\n".utf8)
            output += part.data
            output += Array("\r\n".utf8)
        }
        output += Array("--\(boundary)--\r\n".utf8)
        return output
    }

    /// Escapes a name for a quoted parameter the way browsers do (RFC 7578 section 4.2).
    private static func quoted(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\"": result += "%22"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            default: result.append(character)
            }
        }
        return result
    }
}

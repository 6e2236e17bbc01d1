/// A `multipart/form-data` body (RFC 7578): its parts in order, text fields and files alike. The
/// runner encodes one to send, the mock parses one it received, and the upstream adapter passes
/// one on to an engine.
public struct MultipartForm: Sendable, Hashable {
    /// One form part with its disposition parameters and raw content.
    public struct Part: Sendable, Hashable {
        public var name: String
        public var filename: String?
        public var contentType: String?
        public var data: [UInt8]
        /// The file the data was read from, relative to where reproductions run (such as
        /// `Fixtures/assets/hello-panda.wav`), so a `curl` command can name it; never sent.
        public var origin: String?

        public init(name: String, filename: String? = nil, contentType: String? = nil, data: [UInt8], origin: String? = nil) {
            self.name = name
            self.filename = filename
            self.contentType = contentType
            self.data = data
            self.origin = origin
        }

        public static func text(_ name: String, _ value: String) -> Part {
            Part(name: name, data: Array(value.utf8))
        }

        public static func file(_ name: String, filename: String, contentType: String, data: [UInt8], origin: String? = nil) -> Part {
            Part(name: name, filename: filename, contentType: contentType, data: data, origin: origin)
        }

        /// The content as UTF-8 text, or nil when it is not valid UTF-8.
        public var text: String? {
            String(validating: data, as: UTF8.self)
        }
    }

    public var parts: [Part]

    public init(parts: [Part] = []) {
        self.parts = parts
    }

    /// The first part called `name`.
    public func part(named name: String) -> Part? {
        parts.first { $0.name == name }
    }

    /// Every part called `name`, in order.
    public func parts(named name: String) -> [Part] {
        parts.filter { $0.name == name }
    }

    /// The first part called `name` as text; nil when absent or not UTF-8.
    public func text(_ name: String) -> String? {
        part(named: name)?.text
    }
}

extension MultipartForm {
    /// The boundary conform sends, fixed so that the same form always encodes to the same bytes.
    public static let defaultBoundary = "conform-form-boundary-7MA4YWxkTrZu0gW"

    /// The `Content-Type` announcing a form encoded with `boundary`.
    public static func contentType(boundary: String = defaultBoundary) -> String {
        "multipart/form-data; boundary=\(boundary)"
    }

    /// The form on the wire, each part delimited by `boundary`.
    public func encoded(boundary: String = defaultBoundary) -> [UInt8] {
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
    /// Scalar by scalar: "\r\n" is a single Character, which a per-character match would miss.
    private static func quoted(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "%22"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// A parsed `multipart/form-data` body (RFC 7578): its parts in order, text fields and files alike.
public struct MultipartForm: Sendable, Hashable {
    /// One form part with its disposition parameters and raw content.
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

        /// The content as UTF-8 text, or nil when it is not valid UTF-8.
        public var text: String? {
            String(validating: data, as: UTF8.self)
        }
    }

    public var parts: [Part]

    public init(parts: [Part]) {
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

import ConformJSON
public import HTTPWire

/// What a request carries: JSON, raw bytes with an optional media type, or a multipart form.
public enum OutgoingBody: Sendable, Hashable {
    case json(JSON)
    /// Bytes sent exactly as given; `contentType` nil sends no `Content-Type` unless a header sets one.
    case bytes([UInt8], contentType: String?)
    case multipart(MultipartForm, boundary: String = MultipartForm.defaultBoundary)

    /// The bytes on the wire and the `Content-Type` they imply.
    public var encoded: (bytes: [UInt8], contentType: String?) {
        switch self {
        case .json(let value): (value.serialized(), contentType)
        case .bytes(let bytes, _): (bytes, contentType)
        case .multipart(let form, let boundary): (form.encoded(boundary: boundary), contentType)
        }
    }

    /// The `Content-Type` the body implies, without encoding it.
    public var contentType: String? {
        switch self {
        case .json: "application/json"
        case .bytes(_, let contentType): contentType
        case .multipart(_, let boundary): MultipartForm.contentType(boundary: boundary)
        }
    }
}

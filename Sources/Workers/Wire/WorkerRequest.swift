public import ConformJSON
public import HTTPTypes
import HTTPWire

/// One request to an engine, as it would travel over HTTP: method, path, raw query, headers and a
/// body. In-process callers hand over bodies already parsed (`.json`, `.multipart`) so nothing is
/// serialized only to be parsed again; an HTTP bridge passes `.bytes` and the engine parses them.
public struct WorkerRequest: Sendable {
    public var method: HTTPRequest.Method
    /// The path without the query, starting with `/`.
    public var path: String
    /// The query string without the leading `?`, exactly as received; nil when there was none.
    public var query: String?
    public var headers: HTTPFields
    public var body: WorkerRequestBody
    /// Set by a caller that relays the answer without reading it (the generic proxy): a remote
    /// engine then hands its body back as ``WorkerResponseBody/byteStream(_:)``, byte for byte as
    /// it arrives, instead of parsed JSON or events. In-process engines may ignore it.
    public var rawResponse: Bool

    public init(
        method: HTTPRequest.Method = .post, path: String, query: String? = nil, headers: HTTPFields = [:],
        body: WorkerRequestBody = .empty, rawResponse: Bool = false
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.rawResponse = rawResponse
    }
}

/// What a ``WorkerRequest`` carries.
public enum WorkerRequestBody: Sendable {
    case empty
    case json(JSON)
    case multipart(MultipartForm)
    /// Bytes as received; `contentType` is the request's `Content-Type`, if any.
    case bytes([UInt8], contentType: String?)
}

public import ConformJSON
public import HTTPTypes

/// An engine's answer, as it would travel over HTTP: a status, headers and a body that is JSON,
/// bytes or a stream of server-sent events delivered while they are produced.
public struct WorkerResponse: Sendable {
    public var status: HTTPResponse.Status
    /// Headers beyond `Content-Type`, which follows from the body (and may be overridden here).
    public var headers: HTTPFields
    public var body: WorkerResponseBody

    public init(status: HTTPResponse.Status = .ok, headers: HTTPFields = [:], body: WorkerResponseBody) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A 200 response carrying `json`.
    public static func json(_ json: JSON, status: HTTPResponse.Status = .ok) -> WorkerResponse {
        WorkerResponse(status: status, body: .json(json))
    }

    /// The media type the body implies when the headers name none.
    public var contentType: String {
        if let explicit = headers[.contentType] { return explicit }
        switch body {
        case .json: return "application/json"
        case .events: return "text/event-stream"
        case .bytes: return "application/octet-stream"
        }
    }

    public var isSuccess: Bool { status.kind == .successful }
}

/// What a ``WorkerResponse`` carries.
public enum WorkerResponseBody: Sendable {
    case json(JSON)
    case bytes([UInt8])
    /// Server-sent events; the stream ends when the response ends. Dropping the iterator stops
    /// production: nothing keeps running for an abandoned stream.
    case events(WorkerEventStream)
}

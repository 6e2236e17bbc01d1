import ConformJSON
import HTTPTypes
import HTTPWire
import Workers

/// How one deviation changes an exchange on its way through the gateway, as rewrites around the
/// routes rather than switches inside them: the request before a route sees it, what the route
/// sends the engine, then the answer: its headers, its JSON, each event of its stream, or its
/// bytes. A deviation sets only the hooks it needs.
struct DeviationRewrite: Sendable {
    /// Rewrites the request: its path, query and headers, and its body when JSON or a form.
    var request: (@Sendable (inout RewrittenRequest) -> Void)?
    /// Rewrites the response headers.
    var headers: (@Sendable (inout HTTPFields, ResponseFacts) -> Void)?
    /// Rewrites a JSON answer (a success or an error envelope).
    var json: (@Sendable (inout JSON, ResponseFacts) -> Void)?
    /// Rewrites the status of a JSON answer, given its body.
    var status: (@Sendable (inout HTTPResponse.Status, JSON, ResponseFacts) -> Void)?
    /// Rewrites one event of a `text/event-stream` answer, given its position; false drops it.
    var event: (@Sendable (inout WorkerEvent, _ index: Int, ResponseFacts) -> Bool)?
    /// Rewrites a binary answer (audio, a picture).
    var bytes: (@Sendable (inout [UInt8], ResponseFacts) -> Void)?
    /// Rewrites what the gateway sends a model's engine, after the route has built it.
    var upstream: (@Sendable (inout WorkerRequest) -> Void)?
    /// Whether the response hooks read the request's JSON body.
    var readsRequestJSON = false
    /// Whether event streams are held back and sent whole when they end.
    var buffersStreams = false

    init(
        request: (@Sendable (inout RewrittenRequest) -> Void)? = nil, headers: (@Sendable (inout HTTPFields, ResponseFacts) -> Void)? = nil,
        json: (@Sendable (inout JSON, ResponseFacts) -> Void)? = nil,
        status: (@Sendable (inout HTTPResponse.Status, JSON, ResponseFacts) -> Void)? = nil,
        event: (@Sendable (inout WorkerEvent, _ index: Int, ResponseFacts) -> Bool)? = nil,
        bytes: (@Sendable (inout [UInt8], ResponseFacts) -> Void)? = nil,
        upstream: (@Sendable (inout WorkerRequest) -> Void)? = nil, readsRequestJSON: Bool = false, buffersStreams: Bool = false
    ) {
        self.buffersStreams = buffersStreams
        self.upstream = upstream
        self.request = request
        self.headers = headers
        self.json = json
        self.status = status
        self.event = event
        self.bytes = bytes
        self.readsRequestJSON = readsRequestJSON
    }
}

/// A request as the deviation layer may rewrite it.
struct RewrittenRequest: Sendable {
    var path: String
    var query: String?
    var headers: HTTPFields
    /// The body, parsed when it is a JSON object; a rewrite that changes it is sent on.
    var json: JSON?
    /// The body, parsed when it is a multipart form.
    var form: MultipartForm?
}

/// What a response rewrite may know of its exchange.
struct ResponseFacts: Sendable {
    var path: String
    var status: HTTPResponse.Status
    /// The request's JSON body, for rewrites that set ``DeviationRewrite/readsRequestJSON``.
    var requestJSON: JSON?
}

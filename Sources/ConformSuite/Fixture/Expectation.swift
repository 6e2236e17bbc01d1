import ConformJSON

/// What a fixture expects of the answer. Each member that is set runs the check of the same
/// name (`status`, `content-type`, `headers`, `schema`, `json`, `text`, `golden`); `checks` names the
/// further checks from the catalog.
public struct Expectation: Sendable, Hashable {
    /// The acceptable status codes; usually one.
    public var status: [Int]?
    /// Acceptable media types: exact (`application/json`) or a whole type (`audio/*`).
    public var contentTypes: [String]?
    /// A partial matcher for the response headers: an object of lowercased header names to a
    /// value or a matcher (`{"$regex": ...}`, `{"$absent": true}`).
    public var headers: JSON?
    /// The schema the body must satisfy, or, for a stream, every event's data.
    public var schema: String?
    /// Names of further checks from the catalog, in the order they run.
    public var checks: [String]
    /// A partial matcher the JSON body must satisfy.
    public var json: JSON?
    /// A string the text body must equal, or a matcher object such as `{"$regex": "..."}`.
    public var text: JSON?
    /// The golden file's name, next to the fixture.
    public var golden: String?
    /// Set when the answer is read as an event stream.
    public var stream: StreamExpectation?

    public init(
        status: [Int]? = nil, contentTypes: [String]? = nil, headers: JSON? = nil, schema: String? = nil, checks: [String] = [], json: JSON? = nil,
        text: JSON? = nil, golden: String? = nil, stream: StreamExpectation? = nil
    ) {
        self.status = status
        self.contentTypes = contentTypes
        self.headers = headers
        self.schema = schema
        self.checks = checks
        self.json = json
        self.text = text
        self.golden = golden
        self.stream = stream
    }
}

/// How an event-stream answer is read.
public struct StreamExpectation: Sendable, Hashable {
    /// The longest wait for the first event and between events; nil uses the run's timeout.
    public var maxEventWait: Duration?

    public init(maxEventWait: Duration? = nil) {
        self.maxEventWait = maxEventWait
    }
}

import ConformJSON
import Workers

/// A scripted answer: when a request matches, the mock answers it this way instead of
/// generating. Stubs come from a file (`--stubs FILE`, `Schemas/mock/stubs.schema.json`), from
/// the admin API, and from recordings (`--replay DIR`).
public struct Stub: Sendable, Hashable, Codable {
    /// Names the stub in the journal and the admin API; a stub added with the id of another
    /// replaces it.
    public var id: String
    public var match: StubMatch
    /// The answers, in order: the first matching request gets the first, and so on; the last
    /// repeats.
    public var respond: [StubAnswer]
    /// After this many matches the stub no longer matches; nil for no end.
    public var times: Int?

    public init(id: String, match: StubMatch = StubMatch(), respond: [StubAnswer], times: Int? = nil) {
        self.id = id
        self.match = match
        self.respond = respond
        self.times = times
    }

    enum CodingKeys: String, CodingKey { case id, match, respond, times }

    public init(from decoder: any Decoder) throws {
        let members = try decoder.container(keyedBy: CodingKeys.self)
        id = try members.decode(String.self, forKey: .id)
        match = try members.decodeIfPresent(StubMatch.self, forKey: .match) ?? StubMatch()
        if let many = try? members.decode([StubAnswer].self, forKey: .respond) {
            respond = many
        } else {
            respond = [try members.decode(StubAnswer.self, forKey: .respond)]
        }
        guard !respond.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .respond, in: members, debugDescription: "at least one answer is needed")
        }
        times = try members.decodeIfPresent(Int.self, forKey: .times)
    }
}

/// Which requests a stub answers: every member that is set must hold.
public struct StubMatch: Sendable, Hashable, Codable {
    public var method: String?
    /// A path, or a prefix ending in `*`.
    public var path: String?
    /// The query string, exactly (without `?`).
    public var query: String?
    /// The model the request names (body, form or `X-GPUStack-Model`).
    public var model: String?
    /// Header names (any case) to a value or a partial matcher, as fixtures write them.
    public var headers: JSON?
    /// A partial matcher for the JSON body (the fixtures' semantics: `$regex`, `$contains`, ...).
    public var body: JSON?
    /// The body exactly: equal JSON, or equal text when it is not JSON (recordings use this).
    public var bodyExact: JSON?

    public init(
        method: String? = nil, path: String? = nil, query: String? = nil, model: String? = nil, headers: JSON? = nil, body: JSON? = nil,
        bodyExact: JSON? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.model = model
        self.headers = headers
        self.body = body
        self.bodyExact = bodyExact
    }
}

/// One way of answering: content the mock renders in the endpoint's shape (`text`, `toolCalls`),
/// a fault, an answer given whole (`status` with `json`, `body`, `bodyBase64` or `events`), or
/// `passThrough` (answer as if no stub matched, for sequences such as "first a 429, then the
/// answer").
public struct StubAnswer: Sendable, Hashable, Codable {
    public var text: String?
    public var toolCalls: [ScriptedReply.ToolCall]?
    public var fault: Fault?
    public var status: Int?
    public var headers: [String: String]?
    public var json: JSON?
    public var body: String?
    public var bodyBase64: String?
    public var events: [StubEvent]?
    public var passThrough: Bool?
    /// The stream pace of a rendered answer.
    public var timeToFirstTokenMs: Int?
    public var interTokenMs: Int?

    public init(
        text: String? = nil, toolCalls: [ScriptedReply.ToolCall]? = nil, fault: Fault? = nil, status: Int? = nil,
        headers: [String: String]? = nil, json: JSON? = nil, body: String? = nil, bodyBase64: String? = nil, events: [StubEvent]? = nil,
        passThrough: Bool? = nil, timeToFirstTokenMs: Int? = nil, interTokenMs: Int? = nil
    ) {
        self.text = text
        self.toolCalls = toolCalls
        self.fault = fault
        self.status = status
        self.headers = headers
        self.json = json
        self.body = body
        self.bodyBase64 = bodyBase64
        self.events = events
        self.passThrough = passThrough
        self.timeToFirstTokenMs = timeToFirstTokenMs
        self.interTokenMs = interTokenMs
    }

    /// Whether the answer is given whole rather than rendered by an engine.
    var isWhole: Bool { json != nil || body != nil || bodyBase64 != nil || events != nil || (status != nil && fault == nil) }

    /// What the engine renders, when the answer is content.
    var script: ScriptedReply? {
        guard text != nil || toolCalls != nil || timeToFirstTokenMs != nil || interTokenMs != nil else { return nil }
        return ScriptedReply(text: text, toolCalls: toolCalls, timeToFirstTokenMs: timeToFirstTokenMs, interTokenMs: interTokenMs)
    }
}

/// One event of a stream given whole: its name, data, and the wait before it.
public struct StubEvent: Sendable, Hashable, Codable {
    public var event: String?
    public var data: String
    public var delayMs: Int?

    public init(event: String? = nil, data: String, delayMs: Int? = nil) {
        self.event = event
        self.data = data
        self.delayMs = delayMs
    }
}

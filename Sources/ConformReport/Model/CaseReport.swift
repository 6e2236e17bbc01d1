import ConformContract
import ConformJSON

/// The result of one fixture case: its verdict, each check's verdict, and the exchange it was
/// decided on, with a command to replay it.
public struct CaseReport: Sendable, Hashable, Codable {
    /// The fixture id, e.g. `rerank.documented-example`.
    public var id: String
    /// The contract row, e.g. `rerank`, `chat`, `proxy-path` (the `id` column of DESIGN.md's table).
    public var endpoint: String
    /// The API family: `openai`, `anthropic`, `jina`, `gpustack`.
    public var api: String
    public var summary: String
    public var level: RequirementLevel
    /// The sentence or section of the docs or spec the case enforces.
    public var source: String
    /// The clients that break when the case fails (the readiness table's rows).
    public var clients: [ClientProfile]
    /// The fixture file, relative to the fixtures directory.
    public var fixture: String
    public var verdict: Verdict
    /// For a failure: the level it counts at, its worst binding failure's (``CaseJudgement``).
    public var failureLevel: RequirementLevel?
    /// Whether this case counts against the run at its `--fail-on` (and `--fail-on-skip`), as the
    /// runner decided: every format shows a counted case as a failure and no other.
    public var counted: Bool
    /// Why the case was skipped, could not run, or is unsupported.
    public var reason: String?
    /// The placeholder the target left unmapped (`model.image`, `route.echo`), when that is why
    /// the case skipped.
    public var unmapped: String?
    /// True when the case failed but the baseline accepts every one of its failed checks.
    public var baselined: Bool
    public var checks: [CheckReport]
    public var exchange: ExchangeRecord?
    /// A `curl` command that replays the request, with the key written as `$GPUSTACK_API_KEY`.
    public var reproduction: String?
    public var durationMilliseconds: Double

    public init(
        id: String, endpoint: String, api: String, summary: String, level: RequirementLevel, source: String,
        clients: [ClientProfile] = [], fixture: String, verdict: Verdict, failureLevel: RequirementLevel? = nil, counted: Bool = false, reason: String? = nil,
        unmapped: String? = nil, baselined: Bool = false, checks: [CheckReport] = [],
        exchange: ExchangeRecord? = nil, reproduction: String? = nil, durationMilliseconds: Double = 0
    ) {
        self.id = id
        self.endpoint = endpoint
        self.api = api
        self.summary = summary
        self.level = level
        self.source = source
        self.clients = clients
        self.fixture = fixture
        self.verdict = verdict
        self.failureLevel = failureLevel
        self.counted = counted
        self.reason = reason
        self.unmapped = unmapped
        self.baselined = baselined
        self.checks = checks
        self.exchange = exchange
        self.reproduction = reproduction
        self.durationMilliseconds = durationMilliseconds
    }
}

/// The result of one named check within a case.
public struct CheckReport: Sendable, Hashable, Codable {
    /// The stable check name, e.g. `status`, `schema`, `rerank.sorted-desc`.
    public var name: String
    public var level: RequirementLevel
    public var verdict: Verdict
    /// What went wrong, naming the offending value; nil on pass.
    public var message: String?
    /// What the check wanted and what it saw, when those are values worth showing side by side.
    public var expected: JSON?
    public var actual: JSON?
    /// True when the check failed but the baseline lists this case and check as an accepted failure.
    public var baselined: Bool
    /// Why the baseline accepts the failure, as written in the baseline file.
    public var baselineReason: String?

    public init(
        name: String, level: RequirementLevel, verdict: Verdict, message: String? = nil, expected: JSON? = nil,
        actual: JSON? = nil, baselined: Bool = false, baselineReason: String? = nil
    ) {
        self.name = name
        self.level = level
        self.verdict = verdict
        self.message = message
        self.expected = expected
        self.actual = actual
        self.baselined = baselined
        self.baselineReason = baselineReason
    }
}

/// The HTTP exchange a case was decided on, as recorded for a reader: secrets already redacted,
/// bodies cut to a preview.
public struct ExchangeRecord: Sendable, Hashable, Codable {
    public var method: String
    public var url: String
    public var requestHeaders: [ReportHeader]
    public var requestBody: String?
    public var status: Int?
    public var responseHeaders: [ReportHeader]
    /// The response body as text (binary bodies described, not dumped), cut to a preview length.
    public var responseBody: String?
    public var responseBodyTruncated: Bool
    /// What a streamed answer showed; nil for answers not read as a stream.
    public var stream: StreamRecord?
    public var connectMilliseconds: Double?
    public var firstByteMilliseconds: Double?
    public var totalMilliseconds: Double?
    /// The transport failure, when no complete response arrived.
    public var transportError: String?

    public init(
        method: String, url: String, requestHeaders: [ReportHeader] = [], requestBody: String? = nil, status: Int? = nil,
        responseHeaders: [ReportHeader] = [], responseBody: String? = nil, responseBodyTruncated: Bool = false,
        stream: StreamRecord? = nil, connectMilliseconds: Double? = nil, firstByteMilliseconds: Double? = nil,
        totalMilliseconds: Double? = nil, transportError: String? = nil
    ) {
        self.method = method
        self.url = url
        self.requestHeaders = requestHeaders
        self.requestBody = requestBody
        self.status = status
        self.responseHeaders = responseHeaders
        self.responseBody = responseBody
        self.responseBodyTruncated = responseBodyTruncated
        self.stream = stream
        self.connectMilliseconds = connectMilliseconds
        self.firstByteMilliseconds = firstByteMilliseconds
        self.totalMilliseconds = totalMilliseconds
        self.transportError = transportError
    }
}

/// What a streamed answer showed: how many events came, when each arrived, what the event-stream
/// parser noticed that the standard lets pass, and why the stream stopped early, if it did.
public struct StreamRecord: Sendable, Hashable, Codable {
    public var eventCount: Int
    /// When each event arrived, in milliseconds from the start of the exchange (the first 1,000).
    public var arrivalMilliseconds: [Double]
    /// The parser's notes, `line N: what`, in stream order.
    public var diagnostics: [String]
    /// `kind: message` when the stream ended before the server closed it cleanly.
    public var interruption: String?

    public init(eventCount: Int, arrivalMilliseconds: [Double] = [], diagnostics: [String] = [], interruption: String? = nil) {
        self.eventCount = eventCount
        self.arrivalMilliseconds = arrivalMilliseconds
        self.diagnostics = diagnostics
        self.interruption = interruption
    }
}

import ConformContract
import ConformJSON

extension RunReport {
    /// Reads a report back from the layout ``json`` writes. Anything else is refused with the JSON
    /// pointer of the first offending member: a missing or mistyped member, an unknown verdict or
    /// level, a member the layout does not define, or a `formatVersion` other than this one.
    public init(json: JSON) throws(ReportDecodingError) {
        var root = try JSONFieldReader(json, at: .root)
        let version = try root.value("formatVersion")
        guard version.integerValue == Self.jsonFormatVersion else {
            throw ReportDecodingError(
                pointer: JSONPointer.root.appending("formatVersion"),
                problem: "this conform reads report format \(Self.jsonFormatVersion), found \(version.serializedString())")
        }
        root.ignore("totals")
        self.init(
            suiteVersion: try root.string("suiteVersion"),
            fixtureDigest: try root.string("fixtureDigest"),
            target: try TargetDescription(try root.nested("target")),
            options: try RunOptionsRecord(try root.nested("options")),
            startedAt: try root.string("startedAt"),
            finishedAt: try root.string("finishedAt"),
            outcome: try RunOutcome(try root.nested("outcome")),
            cases: try Self.decodeCases(&root)
        )
        try root.rejectUnreadMembers()
    }

    private static func decodeCases(_ root: inout JSONFieldReader) throws(ReportDecodingError) -> [CaseReport] {
        var cases: [CaseReport] = []
        for element in try root.elements("cases") {
            cases.append(try CaseReport(try JSONFieldReader(element.value, at: element.pointer)))
        }
        return cases
    }
}

extension TargetDescription {
    init(_ reader: JSONFieldReader) throws(ReportDecodingError) {
        var reader = reader
        let baseURL = try reader.string("baseURL")
        let embeddedMock = try reader.bool("embeddedMock")
        let deterministic = try reader.bool("deterministic")
        let headers = try reader.headers("serverHeaders")
        self.init(
            baseURL: baseURL, embeddedMock: embeddedMock, deterministic: deterministic, serverHeaders: headers,
            models: try reader.stringMap("models"),
            routes: try reader.stringMap("routes")
        )
        try reader.rejectUnreadMembers()
    }
}

extension RunOptionsRecord {
    init(_ reader: JSONFieldReader) throws(ReportDecodingError) {
        var reader = reader
        self.init(
            level: try reader.choice("level", as: RequirementLevel.self),
            failOn: try reader.string("failOn"),
            only: try reader.strings("only"),
            concurrency: try reader.integer("concurrency"),
            timeoutSeconds: try reader.double("timeoutSeconds"),
            baseline: try reader.optionalString("baseline")
        )
        try reader.rejectUnreadMembers()
    }
}

extension RunOutcome {
    init(_ reader: JSONFieldReader) throws(ReportDecodingError) {
        var reader = reader
        self.init(
            status: try reader.choice("status", as: Status.self),
            exitCode: try reader.integer("exitCode"),
            message: try reader.optionalString("message")
        )
        try reader.rejectUnreadMembers()
    }
}

extension ReportHeader {
    init(_ element: (value: JSON, pointer: JSONPointer)) throws(ReportDecodingError) {
        var reader = try JSONFieldReader(element.value, at: element.pointer)
        self.init(name: try reader.string("name"), value: try reader.string("value"))
        try reader.rejectUnreadMembers()
    }
}

extension CaseReport {
    init(_ reader: JSONFieldReader) throws(ReportDecodingError) {
        var reader = reader
        // Members are read in the order the model lists them, so the first problem reported is
        // the first one a reader of the file meets.
        let id = try reader.string("id")
        let endpoint = try reader.string("endpoint")
        let api = try reader.string("api")
        let summary = try reader.string("summary")
        let level = try reader.choice("level", as: RequirementLevel.self)
        let source = try reader.string("source")
        let fixture = try reader.string("fixture")
        let verdict = try reader.choice("verdict", as: Verdict.self)
        let reason = try reader.optionalString("reason")
        let baselined = try reader.bool("baselined")
        var checks: [CheckReport] = []
        for element in try reader.elements("checks") {
            checks.append(try CheckReport(try JSONFieldReader(element.value, at: element.pointer)))
        }
        var exchange: ExchangeRecord?
        if let exchangeReader = try reader.optionalNested("exchange") { exchange = try ExchangeRecord(exchangeReader) }
        self.init(
            id: id, endpoint: endpoint, api: api, summary: summary, level: level, source: source, fixture: fixture,
            verdict: verdict, reason: reason, baselined: baselined, checks: checks, exchange: exchange,
            reproduction: try reader.optionalString("reproduction"),
            durationMilliseconds: try reader.double("durationMilliseconds")
        )
        try reader.rejectUnreadMembers()
    }
}

extension CheckReport {
    init(_ reader: JSONFieldReader) throws(ReportDecodingError) {
        var reader = reader
        self.init(
            name: try reader.string("name"),
            level: try reader.choice("level", as: RequirementLevel.self),
            verdict: try reader.choice("verdict", as: Verdict.self),
            message: try reader.optionalString("message"),
            expected: reader.optionalValue("expected"),
            actual: reader.optionalValue("actual"),
            baselined: try reader.bool("baselined"),
            baselineReason: try reader.optionalString("baselineReason")
        )
        try reader.rejectUnreadMembers()
    }
}

extension ExchangeRecord {
    init(_ reader: JSONFieldReader) throws(ReportDecodingError) {
        var reader = reader
        let method = try reader.string("method")
        let url = try reader.string("url")
        let requestHeaders = try reader.headers("requestHeaders")
        let requestBody = try reader.optionalString("requestBody")
        let status = try reader.optionalInteger("status")
        let responseHeaders = try reader.headers("responseHeaders")
        self.init(
            method: method, url: url, requestHeaders: requestHeaders, requestBody: requestBody, status: status,
            responseHeaders: responseHeaders,
            responseBody: try reader.optionalString("responseBody"),
            responseBodyTruncated: try reader.bool("responseBodyTruncated"),
            eventCount: try reader.optionalInteger("eventCount"),
            connectMilliseconds: try reader.optionalDouble("connectMilliseconds"),
            firstByteMilliseconds: try reader.optionalDouble("firstByteMilliseconds"),
            totalMilliseconds: try reader.optionalDouble("totalMilliseconds"),
            transportError: try reader.optionalString("transportError")
        )
        try reader.rejectUnreadMembers()
    }
}

extension JSONFieldReader {
    fileprivate mutating func headers(_ key: String) throws(ReportDecodingError) -> [ReportHeader] {
        var headers: [ReportHeader] = []
        for element in try elements(key) { headers.append(try ReportHeader(element)) }
        return headers
    }
}

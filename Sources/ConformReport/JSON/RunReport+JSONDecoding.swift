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
        var headers: [ReportHeader] = []
        for element in try reader.elements("serverHeaders") { headers.append(try ReportHeader(element)) }
        self.init(
            baseURL: try reader.string("baseURL"),
            embeddedMock: try reader.bool("embeddedMock"),
            deterministic: try reader.bool("deterministic"),
            serverHeaders: headers,
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
        var checks: [CheckReport] = []
        for element in try reader.elements("checks") {
            checks.append(try CheckReport(try JSONFieldReader(element.value, at: element.pointer)))
        }
        self.init(
            id: try reader.string("id"),
            endpoint: try reader.string("endpoint"),
            api: try reader.string("api"),
            summary: try reader.string("summary"),
            level: try reader.choice("level", as: RequirementLevel.self),
            source: try reader.string("source"),
            fixture: try reader.string("fixture"),
            verdict: try reader.choice("verdict", as: Verdict.self),
            reason: try reader.optionalString("reason"),
            baselined: try reader.bool("baselined"),
            checks: checks,
            exchange: try reader.optionalNested("exchange").map { reader throws(ReportDecodingError) in try ExchangeRecord(reader) },
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
        var requestHeaders: [ReportHeader] = []
        for element in try reader.elements("requestHeaders") { requestHeaders.append(try ReportHeader(element)) }
        var responseHeaders: [ReportHeader] = []
        for element in try reader.elements("responseHeaders") { responseHeaders.append(try ReportHeader(element)) }
        self.init(
            method: try reader.string("method"),
            url: try reader.string("url"),
            requestHeaders: requestHeaders,
            requestBody: try reader.optionalString("requestBody"),
            status: try reader.optionalInteger("status"),
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

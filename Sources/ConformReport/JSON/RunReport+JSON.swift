import ConformContract
import ConformJSON

// `report.json` is these types' Codable conformances: the same definition writes a report and
// reads one back. Optional members are left out when absent, so an `expected` of JSON `null`
// stays distinct from no `expected` at all; a reader refuses members the layout does not have.

extension RunReport: Codable {
    /// The version of the `report.json` layout. It changes whenever a member is added, renamed or
    /// given a new meaning, so a reader can refuse a layout it does not know instead of misreading it.
    public static let jsonFormatVersion: Int64 = 4

    enum CodingKeys: String, CodingKey {
        case formatVersion, suiteVersion, fixtureDigest, target, options, startedAt, finishedAt, durationMilliseconds, outcome, totals
        case readiness, cases
    }

    public init(from decoder: any Decoder) throws {
        let members = try decoder.container(keyedBy: CodingKeys.self)
        let version = try members.decode(JSON.self, forKey: .formatVersion)
        guard version.integerValue == Self.jsonFormatVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .formatVersion, in: members,
                debugDescription: "this conform reads report format \(Self.jsonFormatVersion), found \(version.serializedString())")
        }
        // The totals and the readiness are derived from the cases; a reader recomputes them.
        _ = members.contains(.totals)
        _ = members.contains(.readiness)
        self.init(
            suiteVersion: try members.decode(String.self, forKey: .suiteVersion),
            fixtureDigest: try members.decode(String.self, forKey: .fixtureDigest),
            target: try members.decode(TargetDescription.self, forKey: .target),
            options: try members.decode(RunOptionsRecord.self, forKey: .options),
            startedAt: try members.decode(String.self, forKey: .startedAt),
            finishedAt: try members.decode(String.self, forKey: .finishedAt),
            durationMilliseconds: try members.decode(Double.self, forKey: .durationMilliseconds),
            outcome: try members.decode(RunOutcome.self, forKey: .outcome),
            cases: try members.decode([CaseReport].self, forKey: .cases))
    }

    /// Every stored member, plus `formatVersion` and the derived `totals` and `readiness` for
    /// readers that only want the counts or the verdict per client.
    public func encode(to encoder: any Encoder) throws {
        var members = encoder.container(keyedBy: CodingKeys.self)
        try members.encode(Self.jsonFormatVersion, forKey: .formatVersion)
        try members.encode(suiteVersion, forKey: .suiteVersion)
        try members.encode(fixtureDigest, forKey: .fixtureDigest)
        try members.encode(target, forKey: .target)
        try members.encode(options, forKey: .options)
        try members.encode(startedAt, forKey: .startedAt)
        try members.encode(finishedAt, forKey: .finishedAt)
        try members.encode(durationMilliseconds, forKey: .durationMilliseconds)
        try members.encode(outcome, forKey: .outcome)
        try members.encode(ReportTotals(self).json, forKey: .totals)
        try members.encode(ClientReadiness.table(cases), forKey: .readiness)
        try members.encode(cases, forKey: .cases)
    }

    /// Reads a report back from the layout ``json`` writes. Anything else is refused with the JSON
    /// pointer of the first offending member: a missing or mistyped member, an unknown verdict or
    /// level, a member the layout does not define, or a `formatVersion` other than this one.
    public init(json: JSON) throws(ReportDecodingError) {
        do {
            self = try JSONValueDecoder(rejectsUnknownMembers: true).decode(RunReport.self, from: json)
        } catch {
            throw ReportDecodingError(pointer: error.pointer, problem: error.message)
        }
    }

    /// The report as `report.json` stores it.
    public var json: JSON {
        // Every member is a string, a number, a boolean or JSON: encoding cannot fail.
        (try? JSONValueEncoder().encode(self)) ?? .null
    }

    /// `report.json`'s bytes: pretty-printed with sorted keys, so equal reports give equal files
    /// and two runs diff cleanly.
    public var jsonDocument: [UInt8] {
        json.serialized(.pretty) + [UInt8(ascii: "\n")]
    }
}

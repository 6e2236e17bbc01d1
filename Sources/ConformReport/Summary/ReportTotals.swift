import ConformContract
import ConformJSON

/// The case counts of a run: overall, per case level and per endpoint, in the order the endpoints
/// first appear among the cases. Every format counts with these.
public struct ReportTotals: Sendable, Hashable {
    public var all = VerdictTally()
    /// By the level each case is written at.
    public var byLevel: [RequirementLevel: VerdictTally] = [:]
    public var endpoints: [String] = []
    public var byEndpoint: [String: VerdictTally] = [:]

    public init(_ report: RunReport) {
        for level in RequirementLevel.allCases { byLevel[level] = VerdictTally() }
        for item in report.cases {
            all.add(item.outcome, level: item.failureLevel)
            byLevel[item.level, default: VerdictTally()].add(item.outcome, level: item.failureLevel)
            if byEndpoint[item.endpoint] == nil { endpoints.append(item.endpoint) }
            byEndpoint[item.endpoint, default: VerdictTally()].add(item.outcome, level: item.failureLevel)
        }
    }

    public func tally(for level: RequirementLevel) -> VerdictTally {
        byLevel[level] ?? VerdictTally()
    }

    public func tally(forEndpoint endpoint: String) -> VerdictTally {
        byEndpoint[endpoint] ?? VerdictTally()
    }

    var json: JSON {
        var object: JSONObject = ["all": all.json]
        for level in RequirementLevel.allCases { object[level.rawValue] = tally(for: level).json }
        return .object(object)
    }
}

/// The endpoint × check grid of a run: for each endpoint and each named check, how the check
/// ended across that endpoint's cases. Rows and columns keep the order they first appear in.
public struct CheckMatrix: Sendable, Hashable {
    public var endpoints: [String] = []
    public var checks: [String] = []
    private var cells: [Coordinate: VerdictTally] = [:]

    private struct Coordinate: Hashable {
        var endpoint: String
        var check: String
    }

    public init(_ report: RunReport) {
        var knownEndpoints: Set<String> = []
        var knownChecks: Set<String> = []
        for item in report.cases {
            if knownEndpoints.insert(item.endpoint).inserted { endpoints.append(item.endpoint) }
            for check in item.checks {
                if knownChecks.insert(check.name).inserted { checks.append(check.name) }
                cells[Coordinate(endpoint: item.endpoint, check: check.name), default: VerdictTally()]
                    .add(item.outcome(of: check), level: check.level)
            }
        }
    }

    /// The tally for one cell; nil when no case of the endpoint ran the check.
    public func tally(endpoint: String, check: String) -> VerdictTally? {
        cells[Coordinate(endpoint: endpoint, check: check)]
    }
}

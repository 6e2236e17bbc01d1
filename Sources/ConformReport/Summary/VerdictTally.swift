import ConformContract
import ConformJSON

/// How many results ended each way, as every format shows them: failures that count at
/// `--fail-on` (by the level they count at), failures that do not, accepted failures,
/// unsupported endpoints, skips, errors and passes. A result is in exactly one column.
public struct VerdictTally: Sendable, Hashable {
    public var passed = 0
    /// Failures that count against the run, unsupported endpoints included.
    public var failed = 0
    /// Of ``failed``: those that count at `must`.
    public var failedMust = 0
    /// Failures the run does not count (should-level failures under `--fail-on must`).
    public var uncounted = 0
    /// Failures the baseline accepts.
    public var baselined = 0
    /// Endpoints absent from the server, whether or not they count.
    public var unsupported = 0
    public var skipped = 0
    public var errors = 0

    public init() {}

    public var total: Int { passed + failed + uncounted + baselined + skipped + errors }

    /// Counts one result.
    public mutating func add(_ outcome: CellOutcome, level: RequirementLevel?) {
        switch outcome {
        case .pass: passed += 1
        case .fail, .unsupported:
            failed += 1
            if level == .must { failedMust += 1 }
        case .uncounted: uncounted += 1
        case .baselined: baselined += 1
        case .skip: skipped += 1
        case .error: errors += 1
        }
        if outcome == .unsupported { unsupported += 1 }
    }

    /// The one result that best describes the whole tally, worst first: a counted failure
    /// outweighs an error, an error an uncounted or accepted failure, and a single pass outweighs
    /// any number of skips.
    public var dominantOutcome: CellOutcome? {
        if failed > 0 { return unsupported == failed ? .unsupported : .fail }
        if errors > 0 { return .error }
        if uncounted > 0 { return .uncounted }
        if baselined > 0 { return .baselined }
        if passed > 0 { return .pass }
        if skipped > 0 { return .skip }
        return nil
    }

    var json: JSON {
        [
            "passed": .integer(Int64(passed)), "failed": .integer(Int64(failed)), "failedMust": .integer(Int64(failedMust)),
            "uncounted": .integer(Int64(uncounted)), "baselined": .integer(Int64(baselined)),
            "unsupported": .integer(Int64(unsupported)), "skipped": .integer(Int64(skipped)), "errors": .integer(Int64(errors)),
            "total": .integer(Int64(total)),
        ]
    }
}

/// What one result, or one summary cell, shows.
public enum CellOutcome: String, Sendable, Hashable, CaseIterable {
    case pass
    /// A failure that counts against the run.
    case fail
    /// The endpoint is absent, and that counts against the run.
    case unsupported
    /// A failure at a level the run does not count.
    case uncounted
    case baselined
    case skip
    case error
}

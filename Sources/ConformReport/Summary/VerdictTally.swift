import ConformContract
import ConformJSON

/// How many results ended each way. Failures the baseline accepts are counted apart from the
/// failures that count against the run, and skips and errors are never counted as either.
public struct VerdictTally: Sendable, Hashable {
    public var passed = 0
    /// Failures that count against the run.
    public var failed = 0
    /// Failures the baseline accepts.
    public var baselined = 0
    public var skipped = 0
    public var errors = 0

    public init() {}

    public init(passed: Int, failed: Int, baselined: Int, skipped: Int, errors: Int) {
        self.passed = passed
        self.failed = failed
        self.baselined = baselined
        self.skipped = skipped
        self.errors = errors
    }

    public var total: Int { passed + failed + baselined + skipped + errors }

    /// Counts one result.
    public mutating func add(_ verdict: Verdict, baselined isBaselined: Bool) {
        switch verdict {
        case .pass: passed += 1
        case .fail where isBaselined, .unsupported where isBaselined: baselined += 1
        case .fail, .unsupported: failed += 1
        case .skip: skipped += 1
        case .error: errors += 1
        }
    }

    /// The one result that best describes the whole tally, worst first: a failure outweighs an
    /// error, an error an accepted failure, and a single pass outweighs any number of skips.
    public var dominantOutcome: CellOutcome? {
        if failed > 0 { return .fail }
        if errors > 0 { return .error }
        if baselined > 0 { return .baselined }
        if passed > 0 { return .pass }
        if skipped > 0 { return .skip }
        return nil
    }

    var json: JSON {
        [
            "passed": .integer(Int64(passed)), "failed": .integer(Int64(failed)), "baselined": .integer(Int64(baselined)),
            "skipped": .integer(Int64(skipped)), "errors": .integer(Int64(errors)), "total": .integer(Int64(total)),
        ]
    }
}

/// What one cell of a summary table shows: a verdict, with accepted failures told apart.
public enum CellOutcome: String, Sendable, Hashable, CaseIterable {
    case pass
    case fail
    case baselined
    case skip
    case error
}

import ConformContract
import ConformReport

/// Which results make a run fail (`--fail-on`): must-level failures, any failure, any failure or
/// error, or nothing. Failures the baseline accepts never count.
public enum FailurePolicy: String, Sendable, Hashable, CaseIterable {
    case must
    case should
    case any
    case never

    /// Whether a failed check at `level` counts against the run.
    public func counts(failureAt level: RequirementLevel) -> Bool {
        switch self {
        case .must: level == .must
        case .should, .any: true
        case .never: false
        }
    }

    /// Whether a case that could not be carried out counts against the run.
    public var countsErrors: Bool {
        self == .any
    }
}

/// Which results make a run fail (`--fail-on`): must-level failures, any failure, any failure or
/// error, or nothing. A failure binds at a level (``RequirementLevel/binding(check:inCase:)``) and
/// a case counts at the level of its worst binding failure (``CaseJudgement``); accepted failures
/// never count.
public enum FailurePolicy: String, Sendable, Hashable, CaseIterable, Codable {
    case must
    case should
    case any
    case never

    /// Whether a case judged `judgement` counts against the run.
    public func counts(_ judgement: CaseJudgement) -> Bool {
        switch judgement.verdict {
        case .fail, .unsupported:
            guard !judgement.accepted, let level = judgement.level else { return false }
            switch self {
            case .must: return level == .must
            case .should, .any: return true
            case .never: return false
            }
        case .error:
            return self == .any
        case .pass, .skip:
            return false
        }
    }
}

/// The one rule that turns a case's check results into the case's verdict, everywhere a case is
/// counted: the runner, the exit code, every report format.
///
/// - A result binds at the weaker of its check's and its case's level.
/// - A case with an `unsupported` result (its endpoint is absent) is unsupported, at `must`.
/// - A case with failures fails, and counts at the level of its worst failure the baseline does
///   not accept; when the baseline accepts them all it is an accepted failure.
/// - A case passes only when some check passed: a case none of whose checks could judge the answer
///   is an error, never a vacuous pass.
public struct CaseJudgement: Sendable, Hashable {
    /// One check's result as the rule sees it.
    public struct Finding: Sendable, Hashable {
        public var verdict: Verdict
        /// The level the result binds at.
        public var level: RequirementLevel
        /// Whether the baseline accepts this failure.
        public var accepted: Bool

        public init(verdict: Verdict, level: RequirementLevel, accepted: Bool = false) {
            self.verdict = verdict
            self.level = level
            self.accepted = accepted
        }
    }

    public var verdict: Verdict
    /// For a failure: the level it counts at (its worst unaccepted failure's, or, when all are
    /// accepted, its worst failure's).
    public var level: RequirementLevel?
    /// True when the case failed and the baseline accepts every failure in it.
    public var accepted: Bool

    public init(verdict: Verdict, level: RequirementLevel? = nil, accepted: Bool = false) {
        self.verdict = verdict
        self.level = level
        self.accepted = accepted
    }

    /// The verdict of a case whose checks found `findings`.
    public static func judge(_ findings: [Finding]) -> CaseJudgement {
        if findings.contains(where: { $0.verdict == .unsupported }) {
            return CaseJudgement(verdict: .unsupported, level: .must)
        }
        let failures = findings.filter { $0.verdict == .fail }
        if !failures.isEmpty {
            let counting = failures.filter { !$0.accepted }
            if let worst = counting.map(\.level).min() {
                return CaseJudgement(verdict: .fail, level: worst)
            }
            return CaseJudgement(verdict: .fail, level: failures.map(\.level).min(), accepted: true)
        }
        if findings.contains(where: { $0.verdict == .error }) { return CaseJudgement(verdict: .error) }
        guard findings.contains(where: { $0.verdict == .pass }) else { return CaseJudgement(verdict: .error) }
        return CaseJudgement(verdict: .pass)
    }
}

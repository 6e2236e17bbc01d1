import ConformContract
import ConformJSON

/// The verdict of one check on one exchange, with the offending value when it failed.
public struct CheckResult: Sendable, Hashable {
    public var verdict: Verdict
    /// Why the check failed or was skipped; nil on pass.
    public var message: String?
    /// What was wanted and what was seen, when worth showing side by side.
    public var expected: JSON?
    public var actual: JSON?

    public init(verdict: Verdict, message: String? = nil, expected: JSON? = nil, actual: JSON? = nil) {
        self.verdict = verdict
        self.message = message
        self.expected = expected
        self.actual = actual
    }

    public static let pass = CheckResult(verdict: .pass)

    public static func fail(_ message: String, expected: JSON? = nil, actual: JSON? = nil) -> CheckResult {
        CheckResult(verdict: .fail, message: message, expected: expected, actual: actual)
    }

    public static func skip(_ reason: String) -> CheckResult {
        CheckResult(verdict: .skip, message: reason)
    }
}

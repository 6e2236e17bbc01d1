import ConformContract
import ConformReport
import ConformSuite

/// What running one case produced, before it becomes a report entry: the check outcomes at
/// their levels, the recorded exchange, and what the run outcome needs to know.
struct CaseResult: Sendable {
    var fixture: Fixture
    var verdict: Verdict
    /// Why the case was skipped or could not be carried out.
    var reason: String?
    var outcomes: [CheckOutcome]
    var exchange: ExchangeRecord?
    var reproduction: String?
    var duration: Duration
    /// True when the target refused the connection: it is not (or no longer) reachable.
    var targetUnreachable: Bool
    /// Identifying headers the target answered with.
    var serverHeaders: [HeaderLine]

    static func skipped(_ fixture: Fixture, reason: String) -> CaseResult {
        CaseResult(
            fixture: fixture, verdict: .skip, reason: reason, outcomes: [], exchange: nil, reproduction: nil, duration: .zero,
            targetUnreachable: false, serverHeaders: [])
    }
}

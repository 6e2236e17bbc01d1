import ConformContract

/// The one line a reader sees first: how the run ended, in a word, and what that rests on.
public struct ReportHeadline: Sendable, Hashable {
    public var status: RunOutcome.Status
    /// `PASSED`, `FAILED`, `COULD NOT RUN` or `INTERRUPTED`.
    public var title: String
    /// The counts behind the title and, when the run could not finish, why.
    public var detail: String

    public init(_ report: RunReport) {
        let totals = ReportTotals(report)
        status = report.outcome.status
        switch report.outcome.status {
        case .passed: title = "PASSED"
        case .failed: title = "FAILED"
        case .error: title = "COULD NOT RUN"
        case .interrupted: title = "INTERRUPTED"
        }
        var sentences: [String] = []
        if let message = report.outcome.message, !message.isEmpty { sentences.append(message) }
        if totals.all.total > 0 || report.outcome.status == .passed || report.outcome.status == .failed {
            sentences.append(Self.counts(totals))
        }
        detail = sentences.joined(separator: ". ")
    }

    /// `41 passed, 2 failed (1 must, 1 should), 1 accepted by the baseline, 3 skipped of 47 cases`.
    static func counts(_ totals: ReportTotals) -> String {
        let all = totals.all
        var parts = ["\(all.passed) passed"]
        if all.failed > 0 {
            let byLevel = RequirementLevel.allCases.compactMap { level -> String? in
                let failed = totals.tally(for: level).failed
                return failed > 0 ? "\(failed) \(level.rawValue)" : nil
            }
            parts.append("\(all.failed) failed (\(byLevel.joined(separator: ", ")))")
        }
        if all.baselined > 0 { parts.append("\(all.baselined) accepted by the baseline") }
        if all.errors > 0 { parts.append("\(all.errors) could not run") }
        if all.skipped > 0 { parts.append("\(all.skipped) skipped") }
        return parts.joined(separator: ", ") + " of \(all.total) case\(all.total == 1 ? "" : "s")"
    }
}

import ConformContract

/// The one line a reader sees first: how the run ended, in a word, and what that rests on, counted
/// the way the exit code counts: which failures count at `--fail-on` and at which level, which do
/// not, which endpoints are absent, and what was skipped and why (each unmapped role with the flag
/// that maps it).
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
        if let message = report.outcome.message, !message.isEmpty, report.outcome.status != .failed { sentences.append(message) }
        if totals.all.total > 0 && !(report.outcome.status == .error && totals.all.errors == totals.all.total) {
            sentences.append(Self.counts(report, totals))
        }
        detail = sentences.joined(separator: ". ")
    }

    /// `2 failures count at --fail-on must (2 must), 5 should-level failures not counted, 60
    /// passed, 1 accepted by the baseline, 6 skipped (unmapped: model.image, --model image=NAME) of
    /// 74 cases`.
    static func counts(_ report: RunReport, _ totals: ReportTotals) -> String {
        let all = totals.all
        var parts: [String] = []
        if all.failed > 0 {
            var levels: [String] = []
            if all.failedMust > 0 { levels.append("\(all.failedMust) must") }
            if all.failed - all.failedMust > 0 { levels.append("\(all.failed - all.failedMust) should") }
            let rows = unsupportedRows(report)
            if !rows.isEmpty { levels.append("unsupported: \(rows.joined(separator: ", "))") }
            let noun = all.failed == 1 ? "failure counts" : "failures count"
            parts.append("\(all.failed) \(noun) at --fail-on \(report.options.failOn.rawValue) (\(levels.joined(separator: "; ")))")
        }
        if all.uncounted > 0 {
            parts.append("\(all.uncounted) \(all.uncounted == 1 ? "failure" : "failures") not counted at --fail-on \(report.options.failOn.rawValue)")
        }
        parts.append("\(all.passed) passed")
        if all.baselined > 0 { parts.append("\(all.baselined) accepted by the baseline") }
        if all.errors > 0 { parts.append("\(all.errors) could not run") }
        if all.skipped > 0 {
            var skipped = "\(all.skipped) skipped"
            let hints = unmappedHints(report)
            if !hints.isEmpty { skipped += " (unmapped: \(hints.joined(separator: "; ")))" }
            if report.options.failOnSkip { skipped += ", which --fail-on-skip counts" }
            parts.append(skipped)
        }
        return parts.joined(separator: ", ") + " of \(all.total) case\(all.total == 1 ? "" : "s")"
    }

    /// The rows whose endpoint is absent, in case order.
    static func unsupportedRows(_ report: RunReport) -> [String] {
        var rows: [String] = []
        for item in report.cases where item.verdict == .unsupported && !rows.contains(item.endpoint) { rows.append(item.endpoint) }
        return rows
    }

    /// Each placeholder that made cases skip, with the flag that maps it and how many it skipped.
    static func unmappedHints(_ report: RunReport) -> [String] {
        var counts: [(String, Int)] = []
        for item in report.cases where item.verdict == .skip {
            guard let placeholder = item.unmapped else { continue }
            if let index = counts.firstIndex(where: { $0.0 == placeholder }) { counts[index].1 += 1 } else { counts.append((placeholder, 1)) }
        }
        return counts.map { placeholder, count in
            let parts = placeholder.split(separator: ".", maxSplits: 1)
            let flag = parts.count == 2 ? (parts[0] == "route" ? "--route \(parts[1])=ID" : "--model \(parts[1])=NAME") : placeholder
            return "\(placeholder) in \(count) case\(count == 1 ? "" : "s"), map it with \(flag)"
        }
    }
}

import ConformContract

extension CaseReport {
    /// Where the case is listed in a report: accepted failures apart from failures that count.
    var outcome: CellOutcome {
        switch verdict {
        case .pass: .pass
        case .fail, .unsupported: baselined ? .baselined : .fail
        case .skip: .skip
        case .error: .error
        }
    }

    /// True when `check` failed and the baseline accepts it: marked on the check itself, or implied
    /// by the case, which is baselined only when every failed check in it is accepted.
    func accepts(_ check: CheckReport) -> Bool {
        check.verdict == .fail && (check.baselined || baselined)
    }

    /// How one of the case's checks is shown: its verdict, with accepted failures told apart.
    func outcome(of check: CheckReport) -> CellOutcome {
        switch check.verdict {
        case .pass: .pass
        case .fail, .unsupported: accepts(check) ? .baselined : .fail
        case .skip: .skip
        case .error: .error
        }
    }

    /// The checks worth showing a reader, worst first: failures that count, errors, then accepted failures.
    var findings: [CheckReport] {
        [CellOutcome.fail, .error, .baselined].flatMap { wanted in checks.filter { outcome(of: $0) == wanted } }
    }

    /// One line per finding, `name: message`, for attributes and summaries.
    var findingsLine: String {
        let lines = findings.map { check in
            check.message.map { "\(check.name): \($0)" } ?? check.name
        }
        if lines.isEmpty { return reason ?? verdict.rawValue }
        return lines.joined(separator: "; ")
    }

    /// How a finding is labelled: `fail`, `error`, or `accepted` for a failure the baseline accepts.
    func findingLabel(for check: CheckReport) -> String {
        switch outcome(of: check) {
        case .baselined: "accepted"
        case let other: other.rawValue
        }
    }
}

extension CaseReport {
    /// Where the case is listed in a report: accepted failures apart from failures that count.
    var outcome: CellOutcome {
        switch verdict {
        case .pass: .pass
        case .fail: baselined ? .baselined : .fail
        case .skip: .skip
        case .error: .error
        }
    }

    /// The checks worth showing a reader, worst first: failures that count, errors, then accepted failures.
    var findings: [CheckReport] {
        checks.filter { $0.verdict == .fail && !$0.baselined }
            + checks.filter { $0.verdict == .error }
            + checks.filter { $0.verdict == .fail && $0.baselined }
    }

    /// One line per finding, `name: message`, for attributes and summaries.
    var findingsLine: String {
        let lines = findings.map { check in
            check.message.map { "\(check.name): \($0)" } ?? check.name
        }
        if lines.isEmpty { return reason ?? verdict.rawValue }
        return lines.joined(separator: "; ")
    }
}

extension CheckReport {
    /// How a finding is labelled: `fail`, `error`, or `accepted` for a failure the baseline accepts.
    var findingLabel: String {
        switch verdict {
        case .fail: baselined ? "accepted" : "fail"
        case .error: "error"
        case .pass: "pass"
        case .skip: "skip"
        }
    }
}

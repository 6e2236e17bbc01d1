import ConformContract

extension CaseReport {
    /// How the case is shown: a failure that counts at `--fail-on`, one that does not (a should
    /// failure under `--fail-on must`), one the baseline accepts, an unsupported endpoint, a
    /// skip, an error or a pass. What counts was decided by the runner (``counted``).
    public var outcome: CellOutcome {
        switch verdict {
        case .pass: .pass
        case .fail: baselined ? .baselined : counted ? .fail : .uncounted
        case .unsupported: baselined ? .baselined : counted ? .unsupported : .uncounted
        case .skip: .skip
        case .error: .error
        }
    }

    /// True when `check` failed and the baseline accepts it: marked on the check itself, or implied
    /// by the case, which is baselined only when every failed check in it is accepted.
    func accepts(_ check: CheckReport) -> Bool {
        check.verdict == .fail && (check.baselined || baselined)
    }

    /// How one of the case's checks is shown: its verdict, with accepted failures told apart and a
    /// failure at a level the run does not count shown as such.
    func outcome(of check: CheckReport) -> CellOutcome {
        switch check.verdict {
        case .pass: .pass
        case .fail, .unsupported:
            accepts(check) ? .baselined : (counted && check.level == failureLevel) ? (check.verdict == .fail ? .fail : .unsupported) : .uncounted
        case .skip: .skip
        case .error: .error
        }
    }

    /// The checks worth showing a reader, worst first: failures that count, unsupported, errors,
    /// failures that do not count, then accepted failures; must before should within each.
    var findings: [CheckReport] {
        [CellOutcome.fail, .unsupported, .error, .uncounted, .baselined].flatMap { wanted in
            checks.filter { outcome(of: $0) == wanted }.sorted { $0.level < $1.level }
        }
    }

    /// One line per finding, `name [level]: message`, for attributes and summaries.
    var findingsLine: String {
        let lines = findings.map { check in
            "\(check.name) [\(check.level.rawValue)]" + (check.message.map { ": \($0)" } ?? "")
        }
        if lines.isEmpty { return reason ?? verdict.rawValue }
        return lines.joined(separator: "; ")
    }

    /// How a finding is labelled: `fail`, `unsupported`, `error`, `not counted`, or `accepted`
    /// for a failure the baseline accepts.
    func findingLabel(for check: CheckReport) -> String {
        switch outcome(of: check) {
        case .baselined: "accepted"
        case .uncounted: "not counted"
        case let other: other.rawValue
        }
    }

    /// `must`, `should`, or nothing: the level a failed case counts at, for labels.
    var failureLevelText: String {
        failureLevel.map { $0.rawValue } ?? ""
    }
}

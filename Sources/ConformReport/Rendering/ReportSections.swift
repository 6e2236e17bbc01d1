import ConformContract

/// The sections a report lists cases under, worst first: what fails the run, then what could not
/// run, then failures the run does not count, then what the baseline accepts. Every format lists
/// them in this order.
enum ReportSections {
    static let all: [(title: String, outcome: CellOutcome)] = [
        ("Failures", .fail), ("Unsupported endpoints", .unsupported), ("Could not run", .error),
        ("Failures not counted at --fail-on", .uncounted), ("Accepted failures (baseline)", .baselined),
    ]
}

extension Array where Element == CaseReport {
    /// The cases with those failing at `must` first, each group in its original order.
    var mustFirst: [CaseReport] {
        filter { $0.failureLevel == .must } + filter { $0.failureLevel != .must }
    }
}

extension Array where Element == (offset: Int, element: CaseReport) {
    /// The numbered cases with those failing at `must` first, each group in its original order.
    var mustFirst: [(offset: Int, element: CaseReport)] {
        filter { $0.element.failureLevel == .must } + filter { $0.element.failureLevel != .must }
    }
}

import ConformContract
import ConformReport
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Shows a run's progress: on a terminal one line rewritten in place, otherwise one plain line
/// per finished case (what CI logs want). With `verbose`, every exchange is shown as it finishes.
final class RunProgressDisplay: Sendable {
    let verbose: Bool
    let isTerminal: Bool
    let style: TerminalStyle
    private let lineShown = Atomic<Bool>(false)

    init(verbose: Bool, isTerminal: Bool = isatty(2) == 1, style: TerminalStyle = TerminalStyle(descriptor: 2)) {
        self.verbose = verbose
        self.isTerminal = isTerminal
        self.style = style
    }

    /// Called as each case finishes, from one task at a time.
    func caseFinished(_ report: CaseReport, _ finished: Int, _ total: Int) {
        let label = "\(Self.verdictLabel(report, style: style))  \(report.id)"
        if verbose || !isTerminal || report.verdict != .pass {
            clearLine()
            var lines = "[\(Self.padded(finished, to: total))/\(total)] \(label)\(Self.detail(report))\n"
            if verbose { lines += Self.exchange(report) }
            StandardError.write(lines)
        }
        if isTerminal {
            StandardError.write("\r\u{1B}[2K[\(Self.padded(finished, to: total))/\(total)] \(label)")
            lineShown.store(true, ordering: .relaxed)
        }
    }

    /// Clears the progress line before the summary is printed.
    func finish() {
        clearLine()
    }

    private func clearLine() {
        if isTerminal, lineShown.exchange(false, ordering: .relaxed) { StandardError.write("\r\u{1B}[2K") }
    }

    /// `PASS`, `FAIL must`, `fail should` (a failure the run does not count), `BASELINED`,
    /// `UNSUPPORTED`, `SKIP` or `ERROR`, padded to one width, coloured by how it counts when `style` colours.
    static func verdictLabel(_ report: CaseReport, style: TerminalStyle = .plain) -> String {
        let level = report.failureLevel?.rawValue ?? ""
        let label: String =
            switch report.verdict {
            case .pass: "PASS"
            case .fail where report.baselined: "BASELINED \(level)"
            case .fail: report.counted ? "FAIL \(level)" : "fail \(level)"
            case .skip: report.counted ? "SKIP (counted)" : "SKIP"
            case .unsupported: report.counted ? "UNSUPPORTED" : "unsupported"
            case .error: "ERROR"
            }
        let padded = label.padding(toLength: 11, withPad: " ", startingAt: 0)
        switch report.verdict {
        case .pass: return style.paint(padded, .green)
        case .fail where report.baselined || !report.counted: return style.paint(padded, .yellow)
        case .fail, .unsupported, .error: return style.paint(padded, report.counted ? .red : .yellow)
        case .skip: return style.paint(padded, report.counted ? .red : .yellow)
        }
    }

    /// Why a case did not pass, on the same line: the worst finding with its level.
    static func detail(_ report: CaseReport) -> String {
        if let reason = report.reason { return " — \(reason)" }
        let findings = report.checks.filter { $0.verdict == .fail }.sorted { $0.level < $1.level }
        guard let first = findings.first else { return "" }
        return " — \(first.name) [\(first.level.rawValue)]: \(first.message ?? "failed")"
            + (findings.count > 1 ? " (+\(findings.count - 1) more)" : "")
    }

    static func exchange(_ report: CaseReport) -> String {
        guard let exchange = report.exchange else { return "" }
        var text = "    \(exchange.method) \(exchange.url) -> \(exchange.status.map(String.init) ?? "no answer")"
        if let total = exchange.totalMilliseconds { text += " in \(Int(total.rounded())) ms" }
        if let stream = exchange.stream { text += ", \(stream.eventCount) events" }
        text += "\n"
        for check in report.checks {
            text += "      \(check.verdict.rawValue.padding(toLength: 4, withPad: " ", startingAt: 0)) \(check.name) [\(check.level.rawValue)]"
            text += check.message.map { ": \($0)" } ?? ""
            text += "\n"
        }
        if let reproduction = report.reproduction, report.verdict != .pass {
            text += reproduction.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n") + "\n"
        }
        return text
    }

    private static func padded(_ value: Int, to total: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, String(total).count - text.count)) + text
    }
}

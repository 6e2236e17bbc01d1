import ConformContract
import ConformReport
import ConformSuite
import Foundation

/// What is printed at the end of a run: a recap of every case that did not pass (what counts
/// against the run first, must before should, each with its finding and the `curl` command that
/// replays it), one row per contract row with its cases counted the way the exit code counts
/// them, the totals, the readiness per client, and the headline.
struct RunSummaryTable {
    let report: RunReport
    var style: TerminalStyle = .plain

    /// The most cases the recap lists in full; the report files have every one.
    static let recapLimit = 20

    func render() -> String {
        recap() + table()
    }

    func recap() -> String {
        let worstFirst: [CellOutcome] = [.fail, .unsupported, .error, .uncounted]
        let listed = worstFirst.flatMap { outcome in
            report.cases.filter { $0.outcome == outcome }.sorted { ($0.failureLevel ?? .should) < ($1.failureLevel ?? .should) }
        }
        guard !listed.isEmpty else { return "" }
        var text = "\nRecap: \(listed.count) case\(listed.count == 1 ? "" : "s") did not pass\n"
        for item in listed.prefix(Self.recapLimit) {
            text += "\n\(RunProgressDisplay.verdictLabel(item, style: style)) \(item.id)\(RunProgressDisplay.detail(item))\n"
            if let reproduction = item.reproduction {
                text += reproduction.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n"
            }
        }
        if listed.count > Self.recapLimit {
            text += "\n… and \(listed.count - Self.recapLimit) more; report.md and report.html list them all.\n"
        }
        return text
    }

    func table() -> String {
        let totals = ReportTotals(report)
        let columns = ["endpoint", "pass", "fail", "not counted", "baselined", "skip", "error"]
        let order = ContractRow.allCases.map(\.rawValue)
        let endpoints = totals.endpoints.sorted {
            (order.firstIndex(of: $0) ?? order.count) < (order.firstIndex(of: $1) ?? order.count)
        }
        var rows = endpoints.map { [$0] + Self.cells(totals.tally(forEndpoint: $0)) }
        rows.append(["total"] + Self.cells(totals.all))
        let widths = columns.indices.map { column in max(columns[column].count, rows.map { $0[column].count }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return index == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ") + "\n"
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        let headline = ReportHeadline(report)
        let seconds = String(format: "%.2f", report.durationMilliseconds / 1000)
        var text = ""
        if !endpoints.isEmpty {
            text += "\n" + line(columns) + rule + rows.dropLast().map(line).joined() + rule + line(rows.last!)
        }
        return text + readiness() + "\n\(style.paint(headline.title, headline.status == .passed ? .green : .red)) in \(seconds) s: \(headline.detail)\n"
    }

    /// One line per client: ready, untested, or not ready with the first cases that break it.
    func readiness() -> String {
        let table = ClientReadiness.table(report.cases)
        guard !table.isEmpty else { return "" }
        let width = table.map(\.client.title.count).max() ?? 0
        var text = "\nclient readiness\n"
        for entry in table {
            let pad = String(repeating: " ", count: width - entry.client.title.count)
            var line = "  \(entry.client.title)\(pad)  \(entry.verdictText)"
            if !entry.breaking.isEmpty {
                line += ": " + entry.breaking.prefix(4).joined(separator: ", ") + (entry.breaking.count > 4 ? ", …" : "")
            }
            text += line + "\n"
        }
        return text
    }

    private static func cells(_ tally: VerdictTally) -> [String] {
        [tally.passed, tally.failed, tally.uncounted, tally.baselined, tally.skipped, tally.errors].map(String.init)
    }
}

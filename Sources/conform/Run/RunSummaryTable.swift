import ConformContract
import ConformReport
import ConformSuite

/// The table printed at the end of a run: one row per contract row with its cases counted by
/// verdict (failures the baseline accepts apart), then the totals and the headline.
struct RunSummaryTable {
    let report: RunReport

    func render() -> String {
        let totals = ReportTotals(report)
        let columns = ["endpoint", "pass", "fail", "baselined", "skip", "error"]
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
        return "\n" + line(columns) + rule + rows.dropLast().map(line).joined() + rule + line(rows.last!)
            + "\n\(headline.title): \(headline.detail)\n"
    }

    private static func cells(_ tally: VerdictTally) -> [String] {
        [tally.passed, tally.failed, tally.baselined, tally.skipped, tally.errors].map(String.init)
    }
}

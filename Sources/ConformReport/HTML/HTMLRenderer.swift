import ConformContract

/// Renders a run as one self-contained HTML page: inline CSS, no script, no fonts, images or links
/// outside the page (a Content-Security-Policy forbids fetching anything). It shows the headline,
/// the target, scores per level, the endpoint × check matrix, and for every failure, error and
/// accepted failure the expected vs actual values, the exchange and the `curl` reproduction. Every
/// piece of text from the report is escaped.
public struct HTMLRenderer: Sendable {
    /// How much of each expected/actual value and body the page quotes.
    public var maximumValueBytes = 65_536

    public init() {}

    public func render(_ report: RunReport) -> String {
        let headline = ReportHeadline(report)
        let totals = ReportTotals(report)
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <meta name="referrer" content="no-referrer"/>
            <title>conform: \(HTMLText.escape(headline.title)) · \(HTMLText.escape(report.targetHost))</title>
            <style>
            \(HTMLStylesheet.css)
            </style>
            </head>
            <body>

            """
        page += header(report, headline)
        page += scores(totals)
        page += readiness(report)
        page += matrix(report, totals)
        for (title, outcome) in ReportSections.all {
            let cases = report.cases.enumerated().filter { $0.element.outcome == outcome }.mustFirst
            guard !cases.isEmpty else { continue }
            page += "<h2>\(title) (\(cases.count))</h2>\n"
            for (index, item) in cases { page += caseSection(item, index: index) }
        }
        page += caseTable(report)
        page += "<p class=\"muted\">Written by conform \(HTMLText.escape(report.suiteVersion)).</p>\n</body>\n</html>\n"
        return page
    }

    private func header(_ report: RunReport, _ headline: ReportHeadline) -> String {
        var html = "<header>\n<h1><span class=\"status status-\(headline.status.rawValue)\">"
        html += "\(HTMLText.escape(headline.title))</span> conform report</h1>\n"
        html += "<p class=\"headline\">\(HTMLText.escape(headline.detail))</p>\n"
        var facts: [(String, String)] = [("Target", report.target.baseURL)]
        if report.target.embeddedMock { facts.append(("Server", "the embedded mock")) }
        if !report.target.serverHeaders.isEmpty {
            facts.append(
                ("Server headers", report.target.serverHeaders.map { "\($0.name): \($0.value)" }.joined(separator: "\n")))
        }
        facts.append(("Goldens", report.target.deterministic ? "compared (deterministic target)" : "not compared"))
        if !report.target.models.isEmpty {
            facts.append(
                (
                    "Models",
                    report.target.models.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: "\n")
                ))
        }
        if !report.target.routes.isEmpty {
            facts.append(
                (
                    "Routes",
                    report.target.routes.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: "\n")
                ))
        }
        var options = "level \(report.options.level.rawValue), fail-on \(report.options.failOn)"
        options += ", concurrency \(report.options.concurrency), timeout \(report.options.timeoutSeconds) s"
        if !report.options.only.isEmpty { options += ", only \(report.options.only.joined(separator: " "))" }
        if let baseline = report.options.baseline { options += ", baseline \(baseline)" }
        facts.append(("Options", options))
        var time = "\(report.startedAt) → \(report.finishedAt)"
        if let wall = report.wallMilliseconds { time += " (\(NumberText.duration(milliseconds: wall)))" }
        facts.append(("Time", time))
        facts.append(("Exit code", String(report.outcome.exitCode)))
        facts.append(("Suite", "conform \(report.suiteVersion), fixtures \(report.fixtureDigest)"))
        html += "<table class=\"facts\">\n"
        for (name, value) in facts {
            let lines = value.split(separator: "\n", omittingEmptySubsequences: false).map { HTMLText.escape(String($0)) }
            html += "<tr><th>\(name)</th><td>\(lines.joined(separator: "<br/>"))</td></tr>\n"
        }
        return html + "</table>\n</header>\n"
    }

    private func readiness(_ report: RunReport) -> String {
        let table = ClientReadiness.table(report.cases)
        guard !table.isEmpty else { return "" }
        var html = "<h2>Client readiness</h2>\n<table>\n" + Self.headerRow(["client", "readiness", "cases that break it"])
        for entry in table {
            let outcome: CellOutcome =
                switch entry.status {
                case .ready: .pass
                case .notReady: .fail
                case .untested: .skip
                }
            html += "<tr><th title=\"\(HTMLText.escape(entry.client.summary))\">\(HTMLText.escape(entry.client.title))</th>"
            html += "<td><span class=\"badge \(outcome.rawValue)\">\(Self.symbol(outcome)) \(HTMLText.escape(entry.verdictText))</span></td>"
            html += "<td>" + entry.breaking.map { "<code>\(HTMLText.escape($0))</code>" }.joined(separator: " ") + "</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private func scores(_ totals: ReportTotals) -> String {
        var html = "<h2>Scores</h2>\n<table>\n"
        html += Self.headerRow(["cases written at", "passed", "failed (counted)", "not counted", "accepted", "skipped", "errors", "total"])
        let rows = RequirementLevel.allCases.map { ($0.rawValue, totals.tally(for: $0)) } + [("all", totals.all)]
        for (name, tally) in rows {
            html += "<tr><th>\(name)</th>"
            for count in [tally.passed, tally.failed, tally.uncounted, tally.baselined, tally.skipped, tally.errors, tally.total] {
                html += "<td class=\"number\">\(count)</td>"
            }
            html += "</tr>\n"
        }
        return html + "</table>\n"
    }

    private func matrix(_ report: RunReport, _ totals: ReportTotals) -> String {
        let grid = CheckMatrix(report)
        guard !grid.endpoints.isEmpty else { return "" }
        var html = "<h2>Endpoints × checks</h2>\n<p class=\"legend\">"
        for outcome in CellOutcome.allCases {
            html += Self.badge(outcome)
        }
        html += "<span class=\"muted\">A cell shows the worst result of that check over the endpoint's cases; "
        html += "blank: not run there.</span></p>\n"
        html += "<table class=\"matrix\">\n<tr><th>endpoint</th><th>cases</th>"
        for check in grid.checks { html += "<th class=\"check\"><code>\(HTMLText.escape(check))</code></th>" }
        html += "</tr>\n"
        for endpoint in grid.endpoints {
            let tally = totals.tally(forEndpoint: endpoint)
            let outcome = tally.dominantOutcome ?? .skip
            html += "<tr><th><code>\(HTMLText.escape(endpoint))</code></th>"
            html += "<td class=\"cell \(outcome.rawValue)\" title=\"\(Self.describe(tally))\">\(tally.passed)/\(tally.total)</td>"
            for check in grid.checks {
                guard let cell = grid.tally(endpoint: endpoint, check: check), let outcome = cell.dominantOutcome else {
                    html += "<td class=\"cell none\"></td>"
                    continue
                }
                let title = HTMLText.escape("\(endpoint) · \(check): \(Self.describe(cell))")
                html += "<td class=\"cell \(outcome.rawValue)\" title=\"\(title)\">\(Self.symbol(outcome))</td>"
            }
            html += "</tr>\n"
        }
        return html + "</table>\n"
    }

    private func caseSection(_ item: CaseReport, index: Int) -> String {
        var html = "<section class=\"case \(item.outcome.rawValue)\" id=\"case-\(index)\">\n"
        html += "<h3>\(Self.badge(item.outcome)) <code>\(HTMLText.escape(item.id))</code> "
        html += "<span class=\"muted\">written at \(item.level.rawValue)"
        if let level = item.failureLevel { html += ", fails at \(level.rawValue)" }
        html += " · \(HTMLText.escape(item.endpoint))</span></h3>\n"
        html += "<p>\(HTMLText.escape(item.summary))<br/><span class=\"muted\">\(HTMLText.escape(item.source)) · "
        html += "fixture <code>\(HTMLText.escape(item.fixture))</code></span></p>\n"
        if let reason = item.reason { html += "<p><strong>Reason:</strong> \(HTMLText.escape(reason))</p>\n" }
        for check in item.findings {
            let outcome = item.outcome(of: check)
            html += "<div class=\"finding\"><p><span class=\"badge \(outcome.rawValue)\">"
            html += "\(HTMLText.escape(item.findingLabel(for: check)))</span> "
            html += "<code>\(HTMLText.escape(check.name))</code> <span class=\"muted\">\(check.level.rawValue)</span>"
            if let message = check.message { html += ": \(HTMLText.escape(message))" }
            html += "</p>\n"
            if let reason = check.baselineReason {
                html += "<p class=\"muted\">Accepted because: \(HTMLText.escape(reason))</p>\n"
            }
            if check.expected != nil || check.actual != nil {
                html += "<div class=\"sides\">"
                for (label, value) in [("Expected", check.expected), ("Actual", check.actual)] {
                    html += "<div><div class=\"label\">\(label)</div>"
                    if let value {
                        let preview = ValueText.preview(value, maximumBytes: maximumValueBytes)
                        html += block(preview.text, note: preview.omissionNote)
                    } else {
                        html += "<p class=\"muted\">not recorded</p>"
                    }
                    html += "</div>"
                }
                html += "</div>\n"
            }
            html += "</div>\n"
        }
        if let exchange = item.exchange {
            let shown = ExchangeText(exchange, maximumBodyBytes: maximumValueBytes)
            html += "<div class=\"sides\"><div><div class=\"label\">Request</div>"
            html += block(
                shown.request + (shown.requestBody.map { "\n\n" + $0.text } ?? ""), note: shown.requestBody?.omissionNote)
            html += "</div><div><div class=\"label\">Response</div>"
            html += block(shown.response + (shown.responseBody.map { "\n\n" + $0.text } ?? ""), note: shown.responseBodyNote)
            html += "</div></div>\n"
            if let timings = shown.timings { html += "<p class=\"muted\">\(HTMLText.escape(timings))</p>\n" }
            for note in shown.streamNotes { html += "<p class=\"muted\">\(HTMLText.escape(note))</p>\n" }
        }
        if let reproduction = item.reproduction {
            html += "<div class=\"label\">Reproduce</div>" + block(reproduction, note: nil)
        }
        return html + "</section>\n"
    }

    private func caseTable(_ report: RunReport) -> String {
        guard !report.cases.isEmpty else { return "" }
        var html = "<h2>All cases (\(report.cases.count))</h2>\n<table>\n"
        html += Self.headerRow(["case", "endpoint", "level", "result", "time", "note"])
        for (index, item) in report.cases.enumerated() {
            let linked = ReportSections.all.contains { $0.outcome == item.outcome }
            let name = "<code>\(HTMLText.escape(item.id))</code>"
            html += "<tr><td>\(linked ? "<a href=\"#case-\(index)\">\(name)</a>" : name)</td>"
            html += "<td><code>\(HTMLText.escape(item.endpoint))</code></td><td>\(item.level.rawValue)</td>"
            html += "<td>\(Self.badge(item.outcome))</td>"
            html += "<td class=\"number\">\(NumberText.duration(milliseconds: item.durationMilliseconds))</td>"
            let note = item.outcome == .pass ? "" : TextPreview(item.findingsLine, maximumBytes: 300).text
            html += "<td>\(HTMLText.escape(note))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private func block(_ text: String, note: String?) -> String {
        var html = "<pre>\(HTMLText.escape(text))</pre>"
        if let note { html += "<p class=\"muted\">\(HTMLText.escape(note))</p>" }
        return html
    }

    static func headerRow(_ names: [String]) -> String {
        "<tr>" + names.map { "<th>\($0)</th>" }.joined() + "</tr>\n"
    }

    static func badge(_ outcome: CellOutcome) -> String {
        "<span class=\"badge \(outcome.rawValue)\">\(symbol(outcome)) \(label(outcome))</span>"
    }

    static func describe(_ tally: VerdictTally) -> String {
        var parts = ["\(tally.passed) passed"]
        if tally.failed > 0 { parts.append("\(tally.failed) failed") }
        if tally.uncounted > 0 { parts.append("\(tally.uncounted) failed, not counted") }
        if tally.baselined > 0 { parts.append("\(tally.baselined) accepted") }
        if tally.errors > 0 { parts.append("\(tally.errors) errors") }
        if tally.skipped > 0 { parts.append("\(tally.skipped) skipped") }
        return parts.joined(separator: ", ")
    }

    static func symbol(_ outcome: CellOutcome) -> String {
        switch outcome {
        case .pass: "✔"
        case .fail: "✘"
        case .unsupported: "∅"
        case .uncounted: "✘"
        case .baselined: "≈"
        case .skip: "–"
        case .error: "!"
        }
    }

    static func label(_ outcome: CellOutcome) -> String {
        switch outcome {
        case .pass: "pass"
        case .fail: "fail"
        case .unsupported: "unsupported"
        case .uncounted: "not counted"
        case .baselined: "accepted"
        case .skip: "skip"
        case .error: "error"
        }
    }
}

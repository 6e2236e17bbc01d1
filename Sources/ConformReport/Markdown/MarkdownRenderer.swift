import ConformContract

/// Renders a run as GitHub-flavoured Markdown sized for a CI step summary (`$GITHUB_STEP_SUMMARY`
/// keeps at most 1 MiB per step): the headline, scores per level, the endpoint table, then every
/// failure and error in a collapsible block with its check, message, expected vs actual, the
/// exchange and the `curl` reproduction. Blocks that would pass the byte budget are left out and
/// counted, pointing the reader at report.html and report.json.
public struct MarkdownRenderer: Sendable {
    /// The most bytes the document may take; GitHub's step-summary limit is 1,048,576.
    public var maximumBytes = 1_000_000
    /// How much of each expected/actual value, body and message a block quotes.
    public var maximumValueBytes = 4_096

    public init() {}

    public func render(_ report: RunReport) -> String {
        let totals = ReportTotals(report)
        var head = header(report, totals)
        head += "\n" + levelTable(totals)
        if !totals.endpoints.isEmpty { head += "\n" + endpointTable(report, totals) }
        let readiness = ClientReadiness.table(report.cases)
        if !readiness.isEmpty { head += "\n" + readinessTable(readiness) }

        let sections = ReportSections.all
        var body = ""
        var omitted = 0
        // Room for the closing note and the skipped list's summary line, so they always fit.
        let reserve = 600
        var used = head.utf8.count
        for section in sections {
            let cases = report.cases.mustFirst.filter { $0.outcome == section.outcome }
            guard !cases.isEmpty else { continue }
            let title = "\n## \(section.title) (\(cases.count))\n\n"
            var sectionBody = ""
            for item in cases {
                // Once one block does not fit, the rest are only counted: the order stays worst
                // first, and a huge run does not pay for rendering blocks nobody will see.
                guard omitted == 0 else {
                    omitted += 1
                    continue
                }
                let block = details(item)
                if used + title.utf8.count + sectionBody.utf8.count + block.utf8.count + reserve > maximumBytes {
                    omitted += 1
                } else {
                    sectionBody += block
                }
            }
            if !sectionBody.isEmpty {
                body += title + sectionBody
                used += title.utf8.count + sectionBody.utf8.count
            }
        }
        let skipped = report.cases.filter { $0.outcome == .skip }
        if !skipped.isEmpty {
            let list = skippedList(skipped)
            if used + list.utf8.count + reserve <= maximumBytes {
                body += list
                used += list.utf8.count
            } else {
                omitted += skipped.count
            }
        }
        var closing = ""
        if omitted > 0 {
            closing =
                "\n> \(omitted) more case\(omitted == 1 ? " is" : "s are") not shown here to keep this summary "
                + "under \(NumberText.grouped(maximumBytes)) bytes; report.html and report.json have every case.\n"
        }
        return head + body + closing
    }

    private func header(_ report: RunReport, _ totals: ReportTotals) -> String {
        let headline = ReportHeadline(report)
        let icon =
            switch headline.status {
            case .passed: "✅"
            case .failed: "❌"
            case .error: "⛔"
            case .interrupted: "⏸️"
            }
        var lines = ["# \(icon) conform: \(headline.title)", "", "**\(MarkdownText.inline(headline.detail))**", ""]
        var facts = ["Target \(MarkdownText.code(report.target.baseURL))"]
        if report.target.embeddedMock { facts.append("embedded mock") }
        if report.target.deterministic { facts.append("goldens compared") }
        facts.append("level \(report.options.level.rawValue)")
        facts.append("fail-on \(report.options.failOn.rawValue)" + (report.options.failOnSkip ? " and skips" : ""))
        facts.append("conform \(MarkdownText.inline(report.suiteVersion))")
        var when = "started \(MarkdownText.inline(report.startedAt))"
        when += " (\(NumberText.duration(milliseconds: report.durationMilliseconds)))"
        facts.append(when)
        lines.append(facts.joined(separator: " · "))
        return lines.joined(separator: "\n") + "\n"
    }

    private func levelTable(_ totals: ReportTotals) -> String {
        var lines = [
            "| cases written at | passed | failed (counted) | not counted | accepted | skipped | errors | total |",
            "|---|--:|--:|--:|--:|--:|--:|--:|",
        ]
        for level in RequirementLevel.allCases {
            let tally = totals.tally(for: level)
            lines.append(Self.row(["**\(level.rawValue)**"] + Self.counts(tally) + ["\(tally.total)"]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func endpointTable(_ report: RunReport, _ totals: ReportTotals) -> String {
        var lines = [
            "## Endpoints", "",
            "| endpoint | result | passed | failed (counted) | not counted | accepted | skipped | errors | failing checks |",
            "|---|:-:|--:|--:|--:|--:|--:|--:|---|",
        ]
        for endpoint in totals.endpoints {
            let tally = totals.tally(forEndpoint: endpoint)
            var failing: [String] = []
            for item in report.cases where item.endpoint == endpoint {
                for check in item.checks where item.outcome(of: check) == .fail && !failing.contains(check.name) {
                    failing.append(check.name)
                }
            }
            let result = tally.dominantOutcome.map(Self.symbol) ?? ""
            let checks = failing.map(MarkdownText.code).joined(separator: " ")
            lines.append(Self.row([MarkdownText.code(endpoint), result] + Self.counts(tally) + [checks]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func readinessTable(_ table: [ClientReadiness]) -> String {
        var lines = [
            "## Client readiness", "",
            "| client | readiness | cases that break it |",
            "|---|---|---|",
        ]
        for entry in table {
            let icon =
                switch entry.status {
                case .ready: "✅"
                case .notReady: "❌"
                case .untested: "➖"
                }
            let breaking = entry.breaking.prefix(12).map(MarkdownText.code).joined(separator: " ")
                + (entry.breaking.count > 12 ? " …" : "")
            lines.append(Self.row(["\(MarkdownText.inline(entry.client.title))", "\(icon) \(MarkdownText.inline(entry.verdictText))", breaking]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func details(_ item: CaseReport) -> String {
        // The summary line is a raw HTML block: Markdown is not parsed there, so only HTML escaping applies.
        var summary = "\(Self.symbol(item.outcome)) <code>\(MarkdownText.html(item.id))</code> (\(item.failureLevel?.rawValue ?? item.level.rawValue)): "
        summary += MarkdownText.html(TextPreview(item.findingsLine, maximumBytes: 300).text)
        var lines = ["<details><summary>\(summary)</summary>", ""]
        lines.append(
            "_\(MarkdownText.inline(item.summary))_ — \(MarkdownText.inline(item.source))"
                + " · fixture \(MarkdownText.code(item.fixture))")
        lines.append("")
        if let reason = item.reason {
            lines += ["**Reason:** \(MarkdownText.inline(reason))", ""]
        }
        for check in item.findings {
            var line = "- **\(item.findingLabel(for: check))** \(MarkdownText.code(check.name)) (\(check.level.rawValue))"
            if let message = check.message {
                line += ": " + MarkdownText.inline(TextPreview(message, maximumBytes: maximumValueBytes).text)
            }
            lines.append(line)
            if let reason = check.baselineReason { lines.append("  accepted because: \(MarkdownText.inline(reason))") }
            lines.append("")
            for (label, value) in [("Expected", check.expected), ("Actual", check.actual)] {
                guard let value else { continue }
                let preview = ValueText.preview(value, maximumBytes: maximumValueBytes)
                lines.append("  \(label):")
                lines.append("")
                lines.append(indented(MarkdownText.fenced(preview.text, language: "json")))
                if let note = preview.omissionNote { lines += ["  \(note)", ""] }
            }
        }
        if let exchange = item.exchange {
            let shown = ExchangeText(exchange, maximumBodyBytes: maximumValueBytes)
            var request = shown.request
            if let body = shown.requestBody { request += "\n\n" + body.text + (body.omissionNote.map { "\n" + $0 } ?? "") }
            var response = shown.response
            if let body = shown.responseBody { response += "\n\n" + body.text }
            if let note = shown.responseBodyNote { response += "\n" + note }
            lines += [
                "Request:", "", MarkdownText.fenced(request, language: "http"), "Response:", "",
                MarkdownText.fenced(response, language: "http"),
            ]
            if let timings = shown.timings { lines += [MarkdownText.inline(timings), ""] }
            for note in shown.streamNotes { lines += ["- " + MarkdownText.inline(note)] }
            if !shown.streamNotes.isEmpty { lines.append("") }
        }
        if let reproduction = item.reproduction {
            lines += ["Reproduce:", "", MarkdownText.fenced(reproduction, language: "sh")]
        }
        lines += ["</details>", "", ""]
        return lines.joined(separator: "\n")
    }

    private func skippedList(_ cases: [CaseReport]) -> String {
        var lines = [
            "", "## Skipped (\(cases.count))", "",
            "<details><summary>\(cases.count) case\(cases.count == 1 ? "" : "s") skipped</summary>", "",
        ]
        for item in cases {
            let reason = TextPreview(item.reason ?? "skipped", maximumBytes: 500).text
            lines.append("- \(MarkdownText.code(item.id)): \(MarkdownText.inline(reason))")
        }
        lines += ["", "</details>", ""]
        return lines.joined(separator: "\n")
    }

    /// Indents a block by two spaces so it belongs to the list item above it.
    private func indented(_ block: String) -> String {
        block.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "  " + $0 }
            .joined(separator: "\n")
    }

    /// A table row; an empty cell keeps its spaces, `|  |`, as GitHub writes it.
    static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }

    /// The passed, failed, not counted, accepted, skipped and errors columns.
    static func counts(_ tally: VerdictTally) -> [String] {
        [tally.passed, tally.failed, tally.uncounted, tally.baselined, tally.skipped, tally.errors].map(String.init)
    }

    static func symbol(_ outcome: CellOutcome) -> String {
        switch outcome {
        case .pass: "✅"
        case .fail: "❌"
        case .unsupported: "🚫"
        case .uncounted: "⚠️"
        case .baselined: "☑️"
        case .skip: "⏭️"
        case .error: "⛔"
        }
    }
}

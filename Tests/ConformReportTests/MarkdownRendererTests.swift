import ConformJSON
import ConformReport
import ConformTestSupport
import Foundation
import Testing

@Suite struct MarkdownRendererTests {
    @Test func headlineScoresAndEndpointTable() {
        let markdown = MarkdownRenderer().render(SampleReports.mixed())
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "# ❌ conform: FAILED")
        #expect(
            lines[2]
                == "**1 failure counts at --fail-on must (1 must), 1 failure not counted at --fail-on must, 2 passed, 1 accepted by the baseline, 1 could not run, 1 skipped (unmapped: model.speech in 1 case, map it with --model speech=NAME) of 7 cases**"
        )
        #expect(lines[4].hasPrefix("Target <code>http://127.0.0.1:18080</code> · level should · fail-on must"))
        #expect(lines[4].hasSuffix("(31.5 s)"))
        #expect(lines.contains("| **must** | 2 | 1 | 1 | 0 | 1 | 0 | 5 |"))
        #expect(lines.contains("| **should** | 0 | 0 | 0 | 1 | 0 | 1 | 2 |"))
        #expect(
            lines.contains("| <code>rerank</code> | ❌ | 1 | 1 | 0 | 0 | 0 | 0 | " + "<code>rerank.sorted-desc</code> <code>json</code> |"))
        #expect(lines.contains("| <code>chat</code> | ⛔ | 1 | 0 | 1 | 1 | 0 | 1 |  |"))
        #expect(lines.contains("| <code>speech</code> | ⏭️ | 0 | 0 | 0 | 0 | 1 | 0 |  |"))
    }

    @Test func failuresAreCollapsibleWithExpectedActualExchangeAndReproduction() throws {
        let markdown = MarkdownRenderer().render(SampleReports.mixed())
        let failures = try #require(Self.section("## Failures (1)", in: markdown))
        #expect(
            failures.contains(
                "<details><summary>❌ <code>rerank.documented-example</code> (must): "
                    + "rerank.sorted-desc [must]: results are not sorted"))
        #expect(
            failures.contains("- **fail** <code>rerank.sorted-desc</code> (must): results are not sorted by relevance\\_score"))
        #expect(failures.contains("  Expected:\n\n  ```json\n  {\n    \"results\": [\n      {\n        \"index\": 2"))
        #expect(failures.contains("\"relevance_score\": 0.9"))
        #expect(failures.contains("```http\nPOST http://127.0.0.1:18080/v1/rerank\nAuthorization: Bearer $GPUSTACK_API_KEY"))
        #expect(failures.contains("Reproduce:\n\n```sh\ncurl -sS -X POST 'http://127.0.0.1:18080/v1/rerank'"))
        #expect(failures.hasSuffix("</details>\n\n"))
        let errors = try #require(Self.section("## Could not run (1)", in: markdown))
        #expect(errors.contains("**Reason:** timed out after 30 s waiting for the first byte"))
        let accepted = try #require(Self.section("## Accepted failures (baseline) (1)", in: markdown))
        #expect(accepted.contains("accepted because: GPUStack 2.x omits param; tracked upstream"))
        let uncounted = try #require(Self.section("## Failures not counted at --fail-on (1)", in: markdown))
        #expect(uncounted.contains("- **not counted** <code>schema.letter</code> (should)"))
        let skipped = try #require(Self.section("## Skipped (1)", in: markdown))
        #expect(skipped.contains("- <code>speech.wav</code>: \\${model.speech} is not mapped on this target: pass --model speech=NAME"))
    }

    @Test func hostileTextCannotOpenOrCloseMarkup() throws {
        let markdown = MarkdownRenderer().render(SampleReports.hostileReport())
        // Inside fenced code blocks text is shown verbatim, so only the rest must be free of markup.
        let prose = Self.removingFencedBlocks(markdown)
        #expect(markdown.contains("```http\nHTTP 200\ncontent-type: application/json\n\n<script>alert(1)</script>"))
        #expect(!prose.contains("<script"))
        #expect(!prose.contains("<b>"))
        // `<details><summary>` lines are raw HTML blocks, where GitHub does not parse links.
        let markdownLines = prose.split(separator: "\n").filter { !$0.hasPrefix("<details><summary>") }
        #expect(!markdownLines.contains { $0.contains("[link](http") })
        // In Markdown text every active character is escaped; in the raw-HTML summary line only HTML is.
        #expect(markdown.contains(#"\]\]&gt; &lt;script&gt;alert("x")&lt;/script&gt; &amp; 'quoted' \\u{0}\\u{1}"#))
        #expect(markdown.contains(#"\| \`tick\` \*star\* \_under\_ \[link\](http://evil.example/)"#))
        #expect(markdown.contains("<summary>❌ <code>rerank.&lt;b&gt;bold&lt;/b&gt;]]&gt;</code>"))
    }

    @Test func lineBreaksKeepEachLineOfMarkupOnOneLine() {
        var report = SampleReports.mixed()
        report.cases[1].checks[1].message = "first\r\nsecond\nthird"
        report.cases[3].reason = "one\r\ntwo"
        let markdown = MarkdownRenderer().render(report)
        #expect(
            markdown.contains(
                "<summary>❌ <code>rerank.documented-example</code> (must): "
                    + "rerank.sorted-desc [must]: first ⏎ second ⏎ third; json [must]:"))
        #expect(markdown.contains("- **fail** <code>rerank.sorted-desc</code> (must): first ⏎ second ⏎ third\n"))
        #expect(markdown.contains("- <code>speech.wav</code>: one ⏎ two\n"))
        #expect(!markdown.contains("\r"))
    }

    @Test func codeFencesOutgrowTheBackticksInside() {
        var report = SampleReports.mixed()
        report.cases[1].exchange?.responseBody = "before\n````\nafter"
        let markdown = MarkdownRenderer().render(report)
        #expect(markdown.contains("`````http\nHTTP 200\ncontent-type: application/json\n\nbefore\n````\nafter\n`````\n"))
    }

    @Test func theSummaryStaysWithinTheStepSummaryLimit() throws {
        var report = SampleReports.mixed()
        let failure = SampleReports.failingCase()
        report.cases = (0..<2_000).map { index in
            var item = failure
            item.id = "rerank.case-\(index)"
            item.exchange?.responseBody = String(repeating: "body ", count: 2_000)
            item.checks[1].actual = .string(String(repeating: "value ", count: 2_000))
            return item
        }
        let renderer = MarkdownRenderer()
        let markdown = renderer.render(report)
        #expect(markdown.utf8.count <= renderer.maximumBytes)
        #expect(markdown.utf8.count > renderer.maximumBytes - 20_000)
        #expect(markdown.contains("| **must** | 0 | 2000 | 0 | 0 | 0 | 0 | 2000 |"))
        let shown = markdown.components(separatedBy: "<details><summary>").count - 1
        #expect(shown > 10 && shown < 2_000)
        #expect(
            markdown.hasSuffix(
                "\n> \(2_000 - shown) more cases are not shown here to keep this summary under 1,000,000 bytes; "
                    + "report.html and report.json have every case.\n"
            ))
        #expect(markdown.contains("… 5,904 more bytes not shown"))
    }

    @Test func aSmallBudgetStillKeepsTheHeadlineAndTables() {
        var renderer = MarkdownRenderer()
        renderer.maximumBytes = 2_500
        let markdown = renderer.render(SampleReports.mixed())
        #expect(markdown.utf8.count <= 2_500)
        #expect(markdown.hasPrefix("# ❌ conform: FAILED"))
        #expect(markdown.contains("| <code>speech</code> |"))
        #expect(markdown.contains("more cases are not shown here"))
    }

    @Test func aRunThatNeverReachedItsTargetSaysWhy() {
        let markdown = MarkdownRenderer().render(SampleReports.unreachable())
        #expect(
            markdown.hasPrefix("# ⛔ conform: COULD NOT RUN\n\n**cannot connect to http://127.0.0.1:9: connection refused**\n"))
        #expect(!markdown.contains("## Endpoints"))
    }

    static func removingFencedBlocks(_ markdown: String) -> String {
        var kept: [Substring] = []
        var fence: Substring?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            let backticks = trimmed.prefix { $0 == "`" }
            if let open = fence {
                if trimmed == open { fence = nil }
            } else if backticks.count >= 3 {
                fence = backticks
            } else {
                kept.append(line)
            }
        }
        return kept.joined(separator: "\n")
    }

    /// The text from a heading up to the next level-two heading.
    static func section(_ heading: String, in markdown: String) -> String? {
        guard let start = markdown.range(of: "\n" + heading + "\n") else { return nil }
        let rest = markdown[start.upperBound...]
        let end = rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }
}

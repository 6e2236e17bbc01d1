import ConformReport
import ConformTestSupport
import Foundation
import FoundationXML
import Testing

@Suite struct HTMLRendererTests {
    @Test(arguments: SampleReports.Name.allCases)
    func thePageIsSelfContained(_ name: SampleReports.Name) throws {
        let html = HTMLRenderer().render(SampleReports.named(name))
        let document = try Self.parse(html)
        let elements = Self.allElements(document.rootElement())
        let names = Set(elements.compactMap(\.name))
        for forbidden in [
            "script", "link", "img", "iframe", "object", "embed", "svg", "video", "audio", "source", "base", "form",
        ] {
            #expect(!names.contains(forbidden), "a <\(forbidden)> element")
        }
        for element in elements {
            for attribute in element.attributes ?? [] {
                let attributeName = attribute.name ?? ""
                #expect(
                    !["src", "srcset", "action", "style", "background"].contains(attributeName) && !attributeName.hasPrefix("on"))
                if attributeName == "href" { #expect(attribute.stringValue?.hasPrefix("#") == true) }
            }
        }
        let css = elements.filter { $0.name == "style" }.compactMap(\.stringValue).joined()
        #expect(!css.contains("url("))
        #expect(!css.contains("@import"))
        #expect(!css.contains("@font-face"))
        let policy = elements.first { $0.attribute("http-equiv") == "Content-Security-Policy" }
        #expect(policy?.attribute("content") == "default-src 'none'; style-src 'unsafe-inline'")
    }

    @Test func hostileTextIsShownNotObeyed() throws {
        let html = HTMLRenderer().render(SampleReports.hostileReport())
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>bold"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; \\u{0}\\u{1}"))
        let document = try Self.parse(html)
        let text = try #require(document.rootElement()?.stringValue)
        #expect(text.contains("rerank.<b>bold</b>]]>"))
        #expect(text.contains("<script>alert(1)</script>]]> <script>alert(\"x\")</script>"))
    }

    @Test func headlineTargetAndScores() throws {
        let document = try Self.parse(HTMLRenderer().render(SampleReports.mixed()))
        let elements = Self.allElements(document.rootElement())
        #expect(elements.first { $0.name == "title" }?.stringValue == "conform: FAILED · 127.0.0.1")
        let heading = try #require(elements.first { $0.name == "h1" })
        #expect(heading.stringValue == "FAILED conform report")
        let facts = Self.rows(of: try #require(elements.first { $0.attribute("class") == "facts" }))
        #expect(facts.first == ["Target", "http://127.0.0.1:18080"])
        #expect(facts.contains(["Server headers", "server: uvicorn"]))
        #expect(facts.contains(["Exit code", "1"]))
        let scores = Self.rows(
            of: try #require(
                elements.first { $0.name == "h2" && $0.stringValue == "Scores" }.flatMap { Self.next($0, in: elements) }))
        #expect(
            scores == [
                ["cases written at", "passed", "failed (counted)", "not counted", "accepted", "skipped", "errors", "total"],
                ["must", "2", "1", "1", "0", "1", "0", "5"],
                ["should", "0", "0", "0", "1", "0", "1", "2"],
                ["all", "2", "1", "1", "1", "1", "1", "7"],
            ])
    }

    @Test func theMatrixMarksEveryCellByItsWorstResult() throws {
        let document = try Self.parse(HTMLRenderer().render(SampleReports.mixed()))
        let matrix = try #require(Self.allElements(document.rootElement()).first { $0.attribute("class") == "matrix" })
        let rows = matrix.elements(forName: "tr")
        let header = rows[0].elements(forName: "th").map { $0.stringValue ?? "" }
        #expect(
            header == [
                "endpoint", "cases", "status", "schema", "rerank.top-n", "rerank.sorted-desc", "json", "error.openai-envelope",
                "stream.openai-grammar", "schema.letter",
            ])
        let classes = rows.dropFirst().map { row in row.elements(forName: "td").map { $0.attribute("class") ?? "" } }
        #expect(
            classes == [
                ["cell fail", "cell pass", "cell pass", "cell pass", "cell fail", "cell fail", "cell none", "cell none", "cell none"],
                ["cell error", "cell pass", "cell pass", "cell pass", "cell none", "cell none", "cell baselined", "cell error", "cell uncounted"],
                ["cell skip", "cell none", "cell none", "cell none", "cell none", "cell none", "cell none", "cell none", "cell none"],
            ])
        let sortedCell = rows[1].elements(forName: "td")[4]
        #expect(sortedCell.attribute("title") == "rerank · rerank.sorted-desc: 0 passed, 1 failed")
    }

    @Test func aBaselinedCaseMarksItsFailedChecksAcceptedEvenWhenTheChecksDoNotSaySo() throws {
        var report = SampleReports.mixed()
        report.cases[2].checks[0].baselined = false
        report.cases[2].checks[0].baselineReason = nil
        let document = try Self.parse(HTMLRenderer().render(report))
        let matrix = try #require(Self.allElements(document.rootElement()).first { $0.attribute("class") == "matrix" })
        #expect(matrix.elements(forName: "tr")[2].elements(forName: "td")[6].attribute("class") == "cell baselined")
        let accepted = Self.allElements(document.rootElement()).filter { $0.attribute("class") == "case baselined" }
        // The parser drops the spaces between elements: badge, check name, level, message.
        #expect(accepted.first?.stringValue?.contains("acceptederror.openai-envelopeshould: missing /error/param") == true)
    }

    @Test func everyFailureShowsExpectedActualTheExchangeAndTheReproduction() throws {
        let document = try Self.parse(HTMLRenderer().render(SampleReports.mixed()))
        let sections = Self.allElements(document.rootElement()).filter { $0.name == "section" }
        #expect(sections.map { $0.attribute("class") } == ["case fail", "case error", "case uncounted", "case baselined"])
        let failure = try #require(sections.first?.stringValue)
        #expect(failure.contains("rerank.documented-example"))
        #expect(failure.contains("results are not sorted by relevance_score"))
        #expect(failure.contains("Expected{\n  \"results\": [\n    {\n      \"index\": 2"))
        #expect(failure.contains("\"relevance_score\": 0.9"))
        #expect(failure.contains("POST http://127.0.0.1:18080/v1/rerank\nAuthorization: Bearer $GPUSTACK_API_KEY"))
        #expect(failure.contains("HTTP 200\ncontent-type: application/json\n\n{\"results\":[{\"index\":0"))
        #expect(failure.contains("Reproducecurl -sS -X POST 'http://127.0.0.1:18080/v1/rerank'"))
        let accepted = try #require(sections.last?.stringValue)
        #expect(accepted.contains("Accepted because: GPUStack 2.x omits param; tracked upstream"))
        let errored = try #require(sections.dropFirst().first?.stringValue)
        #expect(errored.contains("transport error: timed out after 30 s"))
    }

    @Test func longValuesAreCutAndSaySo() throws {
        var report = SampleReports.mixed()
        report.cases[1].exchange?.responseBody = String(repeating: "x", count: 70_000)
        let html = HTMLRenderer().render(report)
        #expect(html.contains(String(repeating: "x", count: 65_536) + "</pre>"))
        #expect(html.contains("… 4,464 more bytes not shown"))
    }

    @Test func aRunThatNeverReachedItsTargetSaysWhy() throws {
        let document = try Self.parse(HTMLRenderer().render(SampleReports.unreachable()))
        let elements = Self.allElements(document.rootElement())
        #expect(elements.first { $0.name == "h1" }?.stringValue == "COULD NOT RUN conform report")
        #expect(
            elements.first { $0.attribute("class") == "headline" }?.stringValue
                == "cannot connect to http://127.0.0.1:9: connection refused")
        #expect(!elements.contains { $0.attribute("class") == "matrix" })
    }

    /// The page is written as well-formed XML (void elements self-closed), so a strict XML parser
    /// proves every tag is closed and every entity valid.
    static func parse(_ html: String) throws -> XMLDocument {
        try XMLDocument(data: Data(html.utf8), options: [])
    }

    static func allElements(_ root: XMLElement?) -> [XMLElement] {
        guard let root else { return [] }
        return [root] + (root.children ?? []).compactMap { $0 as? XMLElement }.flatMap { allElements($0) }
    }

    static func rows(of table: XMLElement) -> [[String]] {
        table.elements(forName: "tr").map { row in
            (row.children ?? []).compactMap { $0 as? XMLElement }.map { $0.stringValue ?? "" }
        }
    }

    static func next(_ element: XMLElement, in elements: [XMLElement]) -> XMLElement? {
        guard let index = elements.firstIndex(where: { $0 === element }), index + 1 < elements.count else { return nil }
        return elements[index + 1]
    }
}

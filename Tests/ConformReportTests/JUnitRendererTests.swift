import ConformContract
import ConformReport
import ConformTestSupport
import Foundation
import FoundationXML
import Testing

@Suite struct JUnitRendererTests {
    @Test func oneSuitePerEndpointAndOneCasePerFixtureCase() throws {
        let document = try Self.parse(JUnitRenderer().render(SampleReports.mixed()))
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute("tests") == "7")
        #expect(root.attribute("failures") == "1")
        #expect(root.attribute("errors") == "1")
        #expect(root.attribute("time") == "31.500")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.map { $0.attribute("name") } == ["rerank", "chat", "speech"])
        #expect(suites.map { $0.attribute("tests") } == ["2", "4", "1"])
        #expect(suites.map { $0.attribute("failures") } == ["1", "0", "0"])
        #expect(suites.map { $0.attribute("errors") } == ["0", "1", "0"])
        #expect(suites.map { $0.attribute("skipped") } == ["0", "1", "1"])
        #expect(suites.map { $0.attribute("time") } == ["0.016", "30.010", "0.000"])
        #expect(suites[0].attribute("timestamp") == "2026-11-21T23:11:11")
        #expect(suites[0].attribute("hostname") == "127.0.0.1")
        let cases = suites.flatMap { $0.elements(forName: "testcase") }
        #expect(
            cases.map { $0.attribute("name") } == [
                "rerank.top-n", "rerank.documented-example", "chat.error-envelope", "chat.stream-usage", "chat.basic",
                "chat.basic-nullable", "speech.wav",
            ])
        #expect(cases.map { $0.attribute("classname") } == ["rerank", "rerank", "chat", "chat", "chat", "chat", "speech"])
        #expect(cases[0].childCount == 0)
    }

    @Test func aFailureTheRunDoesNotCountPassesWithItsDetailsInTheOutput() throws {
        let testcase = try Self.testcase("chat.basic-nullable", in: SampleReports.mixed())
        #expect(testcase.elements(forName: "failure").isEmpty && testcase.elements(forName: "skipped").isEmpty)
        let output = try #require(testcase.elements(forName: "system-out").first?.stringValue)
        #expect(output.hasPrefix("[should-level failure, not counted at --fail-on]"))
        #expect(output.contains("[not counted] schema.letter (should)"))
    }

    @Test func junitCountsAsTheExitCodeDoes() throws {
        var report = SampleReports.mixed()
        // Under --fail-on should the same should-level failure counts, and JUnit shows it as one.
        report.options.failOn = .should
        report.cases[6].counted = true
        let root = try #require(try Self.parse(JUnitRenderer().render(report)).rootElement())
        #expect(root.attribute("failures") == "2")
        let failure = try #require(try Self.testcase("chat.basic-nullable", in: report).elements(forName: "failure").first)
        #expect(failure.attribute("message")?.hasPrefix("should: schema.letter [should]") == true)
    }

    @Test func failuresCarryCheckNamesMessagesExpectedActualAndTheReproduction() throws {
        let testcase = try Self.testcase("rerank.documented-example", in: SampleReports.mixed())
        let failures = testcase.elements(forName: "failure")
        try #require(failures.count == 1)
        let failure = failures[0]
        #expect(failure.attribute("type") == "rerank.sorted-desc,json")
        #expect(failure.attribute("message")?.hasPrefix("must: rerank.sorted-desc [must]: results are not sorted by relevance_score") == true)
        #expect(failure.attribute("message")?.contains("; json [must]: /results/0/index: expected 2, got 0") == true)
        let text = try #require(failure.stringValue)
        #expect(text.contains("[fail] rerank.sorted-desc (must): results are not sorted"))
        #expect(text.contains("expected: {\n  \"results\": [\n    {\n      \"index\": 2"))
        #expect(text.contains("\"relevance_score\": 0.9"))
        #expect(text.contains("POST http://127.0.0.1:18080/v1/rerank\nAuthorization: Bearer $GPUSTACK_API_KEY"))
        #expect(text.contains("HTTP 200\ncontent-type: application/json"))
        #expect(text.contains("reproduce:\ncurl -sS -X POST 'http://127.0.0.1:18080/v1/rerank'"))
        #expect(testcase.elements(forName: "skipped").isEmpty)
        #expect(testcase.elements(forName: "error").isEmpty)
    }

    @Test func acceptedFailuresAreSkippedWithTheirDetailsKept() throws {
        let testcase = try Self.testcase("chat.error-envelope", in: SampleReports.mixed())
        #expect(testcase.elements(forName: "failure").isEmpty)
        let skipped = try #require(testcase.elements(forName: "skipped").first)
        #expect(skipped.attribute("message") == "accepted failure (baseline): error.openai-envelope [should]: missing /error/param")
        let output = try #require(testcase.elements(forName: "system-out").first?.stringValue)
        #expect(output.contains("accepted because: GPUStack 2.x omits param; tracked upstream"))
        #expect(output.contains("\"message\": \"bad\""))
    }

    @Test func skipsCarryTheReasonAndErrorsTheCause() throws {
        let skipped = try Self.testcase("speech.wav", in: SampleReports.mixed()).elements(forName: "skipped")
        #expect(skipped.first?.attribute("message") == "${model.speech} is not mapped on this target: pass --model speech=NAME")
        let errored = try Self.testcase("chat.stream-usage", in: SampleReports.mixed())
        let error = try #require(errored.elements(forName: "error").first)
        #expect(error.attribute("message") == "stream.openai-grammar [should]: no events arrived")
        #expect(error.stringValue?.contains("transport error: timed out after 30 s waiting for the first byte") == true)
    }

    @Test func aRunThatNeverReachedItsTargetIsOneErroredCase() throws {
        let root = try #require(try Self.parse(JUnitRenderer().render(SampleReports.unreachable())).rootElement())
        #expect(root.attribute("errors") == "1")
        let suite = try #require(root.elements(forName: "testsuite").first)
        #expect(suite.attribute("name") == "conform")
        let testcase = try #require(suite.elements(forName: "testcase").first)
        #expect(testcase.attribute("name") == "run")
        let error = try #require(testcase.elements(forName: "error").first)
        #expect(error.attribute("message") == "cannot connect to http://127.0.0.1:9: connection refused")
    }

    @Test func hostileTextStaysWellFormedAndReadsBackVisibly() throws {
        let xml = JUnitRenderer().render(SampleReports.hostileReport())
        #expect(!xml.contains("<script>"))
        #expect(!xml.contains("]]>"))
        let testcase = try Self.testcase("rerank.<b>bold</b>]]>", in: SampleReports.hostileReport())
        let failure = try #require(testcase.elements(forName: "failure").first)
        let visible = #"]]> <script>alert("x")</script> & 'quoted' \u{0}\u{1}\u{8}\u{B}\u{1F}\u{7F}\u{FFFE} | `tick`"#
        #expect(failure.attribute("message")?.contains(visible) == true)
        #expect(failure.stringValue?.contains(visible) == true)
        let skipped = try Self.testcase("speech.wav", in: SampleReports.hostileReport()).elements(forName: "skipped")
        #expect(skipped.first?.attribute("message")?.hasSuffix("[link](http://evil.example/)") == true)
    }

    @Test func onlyInvisibleCharactersAreRewritten() throws {
        var report = SampleReports.mixed()
        report.cases[3].reason = "é€😀\u{FFFD}\u{EFBF} \u{85}\u{9F}\u{FFFE}\u{FFFF}\u{A0}"
        let skipped = try Self.testcase("speech.wav", in: report).elements(forName: "skipped")
        #expect(skipped.first?.attribute("message") == "é€😀\u{FFFD}\u{EFBF} " + #"\u{85}\u{9F}\u{FFFE}\u{FFFF}"# + "\u{A0}")
    }

    @Test func lineBreaksInAttributesSurviveParsing() throws {
        var report = SampleReports.mixed()
        report.cases[3].reason = "line one\nline two\ttabbed\r\nend"
        let skipped = try Self.testcase("speech.wav", in: report).elements(forName: "skipped")
        #expect(skipped.first?.attribute("message") == "line one\nline two\ttabbed\r\nend")
    }

    @Test func longMessagesAreCutInTheAttributeButKeptInTheText() throws {
        var report = SampleReports.mixed()
        let long = String(repeating: "é", count: 5_000)
        report.cases[1].checks[1].message = long
        let failure = try #require(try Self.testcase("rerank.documented-example", in: report).elements(forName: "failure").first)
        let message = try #require(failure.attribute("message"))
        #expect(message.utf8.count <= 1_000 + " …".utf8.count)
        #expect(message.hasSuffix(" …"))
        #expect(failure.stringValue?.contains(long) == true)
    }

    @Test(arguments: SampleReports.Name.allCases)
    func followsTheJenkinsJUnitSchema(_ name: SampleReports.Name) throws {
        let document = try Self.parse(JUnitRenderer().render(SampleReports.named(name)))
        let problems = JUnitSchemaConventions.problems(in: try #require(document.rootElement()))
        #expect(problems == [])
    }

    @Test func theSchemaConventionsCatchABrokenDocument() throws {
        let broken = """
            <testsuites tests="x"><testsuite name="a" tests="2" failures="0" errors="0" time="1e3">\
            <testcase classname="a"><failure/><bogus/></testcase><testcase name="b" colour="red"/></testsuite></testsuites>
            """
        let problems = JUnitSchemaConventions.problems(in: try #require(try Self.parse(broken).rootElement()))
        #expect(
            problems == [
                "testsuites: tests 'x' is not a count",
                "testsuite a: time '1e3' is not a plain decimal number of seconds",
                "testcase (unnamed): missing required attribute name",
                "testcase (unnamed): unexpected element bogus",
                "testcase b: unexpected attribute colour",
                "testsuite a: failures says 0, its cases hold 1",
            ])
    }

    static func parse(_ xml: String) throws -> XMLDocument {
        try XMLDocument(data: Data(xml.utf8), options: [])
    }

    static func testcase(_ name: String, in report: RunReport) throws -> XMLElement {
        let document = try parse(JUnitRenderer().render(report))
        let cases = document.rootElement()?.elements(forName: "testsuite").flatMap { $0.elements(forName: "testcase") } ?? []
        return try #require(cases.first { $0.attribute("name") == name })
    }
}

extension XMLElement {
    func attribute(_ name: String) -> String? {
        attribute(forName: name)?.stringValue
    }
}

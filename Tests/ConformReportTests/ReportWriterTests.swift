import ConformJSON
import ConformReport
import ConformTestSupport
import Foundation
import Testing

@Suite struct ReportWriterTests {
    @Test func writesEachFormatIntoANewDirectory() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.url.appending(path: "reports/20261121T231111Z-127.0.0.1", directoryHint: .isDirectory)
        let files = try ReportWriter.write(SampleReports.mixed(), formats: [.html, .json, .junit, .md], to: directory)
        #expect(files.map(\.lastPathComponent) == ["report.html", "report.json", "junit.xml", "report.md"])
        let listed = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(listed == ["junit.xml", "report.html", "report.json", "report.md"])
        #expect(try RunReport(contentsOf: directory.appending(path: "report.json")) == SampleReports.mixed())
        let markdown = try String(contentsOf: directory.appending(path: "report.md"), encoding: .utf8)
        #expect(markdown == MarkdownRenderer().render(SampleReports.mixed()))
    }

    @Test func writesOnlyTheFormatsAsked() throws {
        let temporary = try TemporaryDirectory()
        let files = try ReportWriter.write(SampleReports.mixed(), formats: [.junit, .junit], to: temporary.url)
        #expect(files.map(\.lastPathComponent) == ["junit.xml"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.url.path) == ["junit.xml"])
    }

    @Test func secretsAreScrubbedFromEveryFormat() throws {
        let key = SampleReports.apiKey
        var report = SampleReports.mixed()
        report.target.baseURL = "http://127.0.0.1:18080/?key=\(key)"
        report.cases[1].checks[1].message = "the server echoed \(key)\u{301} back"
        report.cases[1].checks[1].actual = ["echo": .string("Bearer \(key)"), .init(stringLiteral: key): true]
        report.cases[1].exchange?.responseBody = "{\"key\":\"\(key)\"}"
        report.cases[1].exchange?.requestHeaders.append(ReportHeader(name: "X-API-Key", value: key))
        report.cases[1].reproduction = "curl -H 'X-API-Key: \(key)' http://127.0.0.1:18080/v1/rerank"
        report.outcome.message = "key <\(key)>"

        let unscrubbed = try TemporaryDirectory()
        try ReportWriter.write(report, formats: ReportFormat.allCases, to: unscrubbed.url)
        for format in ReportFormat.allCases {
            let text = try String(contentsOf: unscrubbed.url.appending(path: format.fileName), encoding: .utf8)
            #expect(text.contains(key), "the unscrubbed \(format.fileName) should show the key, or this test proves nothing")
        }

        let scrubbed = try TemporaryDirectory()
        try ReportWriter.write(report, formats: ReportFormat.allCases, to: scrubbed.url, secrets: ["", key])
        for format in ReportFormat.allCases {
            let text = try String(contentsOf: scrubbed.url.appending(path: format.fileName), encoding: .utf8)
            #expect(!text.contains(key), "\(format.fileName) leaks the key")
            #expect(text.contains("$GPUSTACK_API_KEY"))
        }
        let back = try RunReport(contentsOf: scrubbed.url.appending(path: "report.json"))
        #expect(back.cases[1].checks[1].message == "the server echoed $GPUSTACK_API_KEY\u{301} back")
        #expect(back.cases[1].checks[1].actual == ["echo": "Bearer $GPUSTACK_API_KEY", "$GPUSTACK_API_KEY": true])
        #expect(back.target.baseURL == "http://127.0.0.1:18080/?key=$GPUSTACK_API_KEY")
    }

    @Test func aSecretContainingAnotherIsReplacedWhole() {
        let scrubber = SecretScrubber(secrets: ["abcdefgh", "abcdefghijkl"])
        #expect(scrubber.scrub("x abcdefghijkl y abcdefgh z") == "x $GPUSTACK_API_KEY y $GPUSTACK_API_KEY z")
        #expect(SecretScrubber(secrets: [""]).scrub("anything") == "anything")
        #expect(
            SecretScrubber(secrets: ["abcdefgh"]).scrub("aabcdefgh abcdefgh abcdefghabcdefgh")
                == "a$GPUSTACK_API_KEY $GPUSTACK_API_KEY $GPUSTACK_API_KEY$GPUSTACK_API_KEY")
    }

    @Test func aShortSecretIsReplacedOnlyWhereItStandsAlone() {
        let scrubber = SecretScrubber(secrets: ["k"])
        #expect(
            scrubber.scrub("the stream ended after 60 chunks; Authorization: Bearer k; {\"key\":\"k\"} ?api_key=k&x=1")
                == "the stream ended after 60 chunks; Authorization: Bearer $GPUSTACK_API_KEY; {\"key\":\"$GPUSTACK_API_KEY\"} ?api_key=$GPUSTACK_API_KEY&x=1"
        )
        #expect(SecretScrubber(secrets: ["test"]).scrub("latest test-suite, test") == "latest test-suite, $GPUSTACK_API_KEY")
        #expect(SecretScrubber(secrets: ["sk-test1"]).scrub("xsk-test1y") == "x$GPUSTACK_API_KEY" + "y")
    }

    @Test func anUnwritableDirectoryNamesThePath() throws {
        let temporary = try TemporaryDirectory()
        let file = temporary.url.appending(path: "occupied")
        try Data("x".utf8).write(to: file)
        let target = file.appending(path: "reports", directoryHint: .isDirectory)
        let error = #expect(throws: ReportWriteError.self) {
            try ReportWriter.write(SampleReports.mixed(), formats: [.json], to: target)
        }
        #expect(error?.path == target.path)
        #expect(error?.description == "\(target.path): cannot write: Not a directory")
    }

    @Test func formatListsParseFromTheCommandLine() throws {
        #expect(try ReportFormat.list(parsing: "json,junit,md,html") == [.json, .junit, .md, .html])
        #expect(try ReportFormat.list(parsing: " html , MD,html") == [.html, .md])
        let unknown = #expect(throws: ReportFormatError.self) { try ReportFormat.list(parsing: "json,xml") }
        #expect(unknown?.description == "unknown format 'xml' in 'json,xml'; use a comma-separated list of json, junit, md, html")
        let empty = #expect(throws: ReportFormatError.self) { try ReportFormat.list(parsing: "json,,md") }
        #expect(empty?.description == "an empty format name in 'json,,md'; use a comma-separated list of json, junit, md, html")
    }
}

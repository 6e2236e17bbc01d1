import ConformJSON
import ConformReport
import ConformTestSupport
import Foundation
import Testing

@Suite struct ReportJSONTests {
    @Test(arguments: SampleReports.Name.allCases)
    func writtenReportsReadBackUnchanged(_ name: SampleReports.Name) throws {
        let report = SampleReports.named(name)
        let parsed = try JSON(parsing: report.jsonDocument)
        #expect(try RunReport(json: parsed) == report)
    }

    @Test func documentIsPrettyPrintedWithSortedKeysAndStable() throws {
        let report = SampleReports.mixed()
        let text = String(decoding: report.jsonDocument, as: UTF8.self)
        #expect(report.jsonDocument == SampleReports.mixed().jsonDocument)
        #expect(text.hasPrefix("{\n  \"cases\": [\n"))
        #expect(text.hasSuffix("}\n"))
        let topLevelKeys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(topLevelKeys == topLevelKeys.sorted())
        #expect(try JSON(parsing: text)["formatVersion"] == .integer(RunReport.jsonFormatVersion))
    }

    @Test func absentAndNullExpectationsStayDistinct() throws {
        var report = SampleReports.mixed()
        report.cases[0].checks[0].expected = .null
        report.cases[0].checks[1].expected = nil
        let json = report.json
        #expect(json["cases"]?[0]?["checks"]?[0]?["expected"] == .null)
        #expect(json["cases"]?[0]?["checks"]?[1]?["expected"] == nil)
        let back = try RunReport(json: JSON(parsing: report.jsonDocument))
        #expect(back.cases[0].checks[0].expected == .null)
        #expect(back.cases[0].checks[1].expected == nil)
    }

    @Test func totalsCountCasesPerLevel() {
        let totals = SampleReports.mixed().json["totals"]
        #expect(
            totals?["all"]
                == ["passed": 2, "failed": 1, "failedMust": 1, "uncounted": 1, "baselined": 1, "unsupported": 0, "skipped": 1, "errors": 1, "total": 7])
        #expect(
            totals?["must"]
                == ["passed": 2, "failed": 1, "failedMust": 1, "uncounted": 1, "baselined": 0, "unsupported": 0, "skipped": 1, "errors": 0, "total": 5])
        #expect(
            totals?["should"]
                == ["passed": 0, "failed": 0, "failedMust": 0, "uncounted": 0, "baselined": 1, "unsupported": 0, "skipped": 0, "errors": 1, "total": 2])
    }

    @Test(arguments: [
        (
            "/cases/1/verdict", JSON.string("passed"),
            "/cases/1/verdict: expected one of pass, fail, skip, unsupported, error, found \"passed\""
        ),
        ("/target/baseURL", JSON.integer(7), "/target/baseURL: expected a string, found integer 7"),
        (
            "/cases/0/durationMilliseconds", JSON.string("3"),
            "/cases/0/durationMilliseconds: expected a number, found string \"3\""
        ),
        ("/options/concurrency", JSON.number(1.5), "/options/concurrency: expected an integer, found number 1.5"),
        ("/cases/0/exchange/status", JSON.bool(true), "/cases/0/exchange/status: expected an integer, found boolean true"),
        ("/cases/2/checks/0/level", JSON.string("MUST"), "/cases/2/checks/0/level: expected one of must, should, found \"MUST\""),
        ("/outcome", JSON.array([]), "/outcome: expected an object, found an array"),
        ("/formatVersion", JSON.integer(1), "/formatVersion: this conform reads report format 4, found 1"),
    ])
    func badMembersAreNamedByPointer(_ pointer: String, _ replacement: JSON, _ message: String) throws {
        let document = try #require(Self.replacing(pointer, with: replacement, in: SampleReports.mixed().json))
        let error = #expect(throws: ReportDecodingError.self) { try RunReport(json: document) }
        #expect(error?.description == message)
    }

    @Test func missingMembersAreNamedByTheirOwnPointer() throws {
        var document = SampleReports.mixed().json
        document["target"]?["baseURL"] = nil
        let error = #expect(throws: ReportDecodingError.self) { try RunReport(json: document) }
        #expect(error?.pointer.description == "/target/baseURL")
        #expect(error?.problem == "required member is missing")
    }

    @Test func unknownMembersAreRefused() throws {
        let document = try #require(Self.adding("verdcit", to: "/cases/1/checks/1", in: SampleReports.mixed().json))
        let error = #expect(throws: ReportDecodingError.self) { try RunReport(json: document) }
        #expect(error?.description == "/cases/1/checks/1/verdcit: unknown member")
    }

    @Test func aNonObjectDocumentIsRefusedAtTheRoot() {
        let error = #expect(throws: ReportDecodingError.self) { try RunReport(json: [1, 2]) }
        #expect(error?.description == "(root): expected an object, found an array")
    }

    @Test func readingAFileNamesTheFileAndTheProblem() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.url.appending(path: "absent.json")
        let unreadable = #expect(throws: ReportFileError.self) { try RunReport(contentsOf: missing) }
        #expect(unreadable?.description == "\(missing.path): cannot read: No such file or directory")

        let truncated = directory.url.appending(path: "truncated.json")
        try Data("{\n  \"cases\": [".utf8).write(to: truncated)
        let malformed = #expect(throws: ReportFileError.self) { try RunReport(contentsOf: truncated) }
        #expect(malformed?.description.hasPrefix("\(truncated.path): not valid JSON: line 2") == true)

        let wrong = directory.url.appending(path: "wrong.json")
        var document = SampleReports.mixed().json
        document["startedAt"] = .null
        try Data(document.serialized(.pretty)).write(to: wrong)
        let invalid = #expect(throws: ReportFileError.self) { try RunReport(contentsOf: wrong) }
        #expect(invalid?.description == "\(wrong.path): not a conform report: /startedAt: expected a string, found null")

        let good = directory.url.appending(path: "report.json")
        try Data(SampleReports.mixed().jsonDocument).write(to: good)
        #expect(try RunReport(contentsOf: good) == SampleReports.mixed())
    }

    static func replacing(_ pointerText: String, with replacement: JSON, in document: JSON) -> JSON? {
        guard let pointer = JSONPointer(pointerText), document.value(at: pointer) != nil else { return nil }
        return document.replacing(at: pointer.tokens[...], with: replacement)
    }

    static func adding(_ key: String, to pointerText: String, in document: JSON) -> JSON? {
        guard let pointer = JSONPointer(pointerText), var target = document.value(at: pointer) else { return nil }
        target[key] = "fail"
        return document.replacing(at: pointer.tokens[...], with: target)
    }
}

extension JSON {
    /// A copy with the value at `tokens` replaced; the path must exist.
    func replacing(at tokens: ArraySlice<String>, with replacement: JSON) -> JSON {
        guard let token = tokens.first else { return replacement }
        switch self {
        case .object(var object):
            object[token] = object[token]?.replacing(at: tokens.dropFirst(), with: replacement)
            return .object(object)
        case .array(var elements):
            let index = Int(token)!
            elements[index] = elements[index].replacing(at: tokens.dropFirst(), with: replacement)
            return .array(elements)
        default:
            return self
        }
    }
}

import ConformJSON
import ConformReport
import ConformSchema
import ConformTestSupport
import Foundation
import Testing

/// `report.json` as written must satisfy `Schemas/report/report.schema.json`, and the schema must
/// be strict enough to refuse what the writer never produces.
@Suite struct ReportSchemaTests {
    static let schemas = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .appending(path: "Schemas", directoryHint: .isDirectory)

    static func schema() throws -> CompiledSchema {
        try SchemaCatalog(directory: schemas).schema(named: "report/report")
    }

    @Test(arguments: SampleReports.Name.allCases)
    func writtenReportsSatisfyTheSchema(_ name: SampleReports.Name) throws {
        let document = try JSON(parsing: SampleReports.named(name).jsonDocument)
        #expect(try Self.schema().validate(document) == [])
    }

    @Test func everyOptionalMemberFilledStillSatisfiesTheSchema() throws {
        var report = SampleReports.mixed()
        report.outcome.message = "stopped"
        report.cases[0].reason = "why"
        report.cases[0].exchange?.stream = StreamRecord(eventCount: 12, arrivalMilliseconds: [1.5, 2], diagnostics: ["line 3: stream ended in the middle of a line"], interruption: "connectionLost: reset")
        report.cases[0].exchange?.transportError = "reset"
        report.cases[0].checks[0].message = "m"
        report.cases[0].checks[0].expected = .null
        report.cases[0].checks[0].actual = [1, "two", ["three": 3.5]]
        report.cases[0].checks[0].baselineReason = "accepted"
        #expect(try Self.schema().validate(JSON(parsing: report.jsonDocument)) == [])
    }

    @Test func theSchemaRefusesWhatTheWriterNeverWrites() throws {
        let schema = try Self.schema()
        var document = SampleReports.mixed().json
        var cases = try #require(document["cases"]?.arrayValue)
        cases[1]["verdict"] = nil
        document["cases"] = .array(cases)
        let missing = schema.validate(document)
        #expect(missing.map { "\($0.instancePointer) \($0.keyword)" } == ["/cases/1 required"])

        document = SampleReports.mixed().json
        document["outcome"]?["status"] = "green"
        #expect(schema.validate(document).map { "\($0.instancePointer) \($0.keyword)" } == ["/outcome/status enum"])

        document = SampleReports.mixed().json
        document["target"]?["apiKey"] = "secret"
        #expect(schema.validate(document).map { "\($0.instancePointer) \($0.keyword)" } == ["/target additionalProperties"])
    }
}

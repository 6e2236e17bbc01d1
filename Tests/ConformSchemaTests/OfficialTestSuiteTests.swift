import Foundation
import SchemaTestSuite
import Testing

/// The official JSON-Schema-Test-Suite is not part of this repository; CI and development
/// checkouts have it in `shared/specs` beside the checkout.
private let suite = JSONSchemaTestSuite.locate(fromPackageRoot: packageRoot)

@Suite struct OfficialTestSuiteTests {
    @Test(.enabled(if: suite != nil, "JSON-Schema-Test-Suite not found beside the checkout"))
    func requiredDraft202012CasesPassAtTheBar() throws {
        let report = try JSONSchemaTestSuite.run(suite: try #require(suite), sections: [.required])
        let rate = report.passRate(in: .required)
        let failures = report.files.flatMap { file in
            file.failures.map { "\(file.file): \($0.group) / \($0.test): \($0.detail)" }
                + (file.error.map { ["\(file.file): \($0)"] } ?? [])
        }
        #expect(report.total(in: .required) > 1_000, "the suite looks incomplete")
        #expect(
            rate >= JSONSchemaTestSuite.requiredPassRate,
            "\(report.passed(in: .required))/\(report.total(in: .required)) required cases pass:\n\(failures.joined(separator: "\n"))"
        )
    }
}

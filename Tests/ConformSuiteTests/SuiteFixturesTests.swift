import ConformContract
import ConformJSON
import ConformReport
import ConformSchema
import ConformSuite
import Foundation
import Testing

/// The repository's own `Fixtures/` directory.
let repositoryRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite struct SuiteFixturesTests {
    let set: FixtureSet

    init() throws {
        let schemas = try SchemaCatalog(directory: repositoryRoot.appending(path: "Schemas"))
        let loader = FixtureLoader(directory: repositoryRoot.appending(path: "Fixtures"), schemas: schemas)
        set = try loader.load()
    }

    @Test func thereAreAtLeastSixtyCasesEachWithASummaryAndASource() {
        #expect(set.fixtures.count >= 60)
        for fixture in set.fixtures {
            #expect(fixture.summary.count > 10, "\(fixture.id)")
            #expect(fixture.source.count > 20, "\(fixture.id)")
        }
    }

    @Test func everyContractRowHasAMustLevelHappyPath() {
        for row in ContractRow.allCases {
            let happy = set.fixtures.filter { $0.endpoint == row && $0.level == .must && $0.expectation.status == [200] }
            #expect(!happy.isEmpty, "\(row.rawValue) has no must-level 200 case")
        }
    }

    @Test func everyEndpointRefusesARequestWithoutAKey() {
        for row in ContractRow.allCases {
            let refused = set.fixtures.filter {
                $0.endpoint == row && $0.request.credentials == .none && $0.expectation.checks.contains("auth.required")
            }
            #expect(refused.count == 1, "\(row.rawValue)")
        }
    }

    /// Every case names where its rule comes from: the GPUStack docs, or the specification of the
    /// API the docs say GPUStack is compatible with (must when clients depend on it).
    @Test func everyCaseNamesTheSourceOfItsRule() {
        let origins = ["GPUStack", "OpenAI", "Anthropic", "Jina"]
        for fixture in set.fixtures {
            #expect(origins.contains { fixture.source.hasPrefix($0) }, "\(fixture.id): \(fixture.source)")
        }
    }

    @Test func everyNamedCheckIsUsedBySomeCase() {
        let listed = Set(set.fixtures.flatMap(\.expectation.checks))
        let implied = CheckCatalog.expectationCheckNames
        for name in CheckCatalog.standard.names where !implied.contains(name) {
            #expect(listed.contains(name), "no fixture uses \(name)")
        }
    }

    @Test func theDocumentedRerankExampleExpectsTwoOneZero() throws {
        let rerank = try #require(set.fixtures.first { $0.id == "rerank.documented-example" })
        let indices = rerank.expectation.json?["results"]?.arrayValue?.compactMap { $0["index"]?.integerValue }
        #expect(indices == [2, 1, 0])
    }

    @Test func everyFixtureFileSatisfiesTheFixtureSchema() throws {
        let schemas = try SchemaCatalog(directory: repositoryRoot.appending(path: "Schemas"))
        for fixture in set.fixtures {
            let document = try JSON(
                parsing: Array(try Data(contentsOf: repositoryRoot.appending(path: "Fixtures/\(fixture.file)"))))
            #expect(
                schemas.violations(of: document, againstSchemaNamed: FixtureLoader.fixtureSchemaName) == [], "\(fixture.file)")
        }
    }

    @Test func casesRunInFilePathOrder() {
        let files = set.fixtures.map(\.file)
        #expect(files == files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }
}

@Suite struct FixturesReadmeTests {
    @Test func theReadmeListsEveryCheckWithItsLevel() throws {
        let readme = try String(contentsOf: repositoryRoot.appending(path: "README.md"), encoding: .utf8)
        for check in CheckCatalog.standard.checks {
            #expect(
                readme.contains("| `\(check.descriptor.name)` | \(check.descriptor.level.rawValue) |"), "\(check.descriptor.name)"
            )
        }
    }
}

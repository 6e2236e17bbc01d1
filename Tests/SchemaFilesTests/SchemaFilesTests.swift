import ConformJSON
import ConformSchema
import Foundation
import Testing

/// Every schema under `Schemas/` compiles, says what it is, and behaves as its examples file says:
/// the valid instances pass and each invalid one fails with the expected keyword at the expected
/// place. The cases are data in `Examples/`, in the manner of the JSON-Schema-Test-Suite.
@Suite struct SchemaFilesTests {
    static let minimumInvalidCases = 3
    static let dialect = "https://json-schema.org/draft/2020-12/schema"
    static let identifierPrefix = "https://conform.invalid/schemas/"

    /// Compiled once for all cases; a load error is reported by every test that needs the catalog.
    static let loadedCatalog = Result { () throws(SchemaLoadError) in try SchemaCatalog(directory: PackageDirectories.schemas) }

    static func catalog() throws -> SchemaCatalog { try loadedCatalog.get() }

    static func allExamples() throws -> [SchemaExample] {
        try SchemaExampleFile.loadAll(from: PackageDirectories.examples).flatMap { $0.valid + $0.invalid }
    }

    @Test func everySchemaCompiles() throws {
        let catalog = try Self.catalog()
        #expect(!catalog.names.isEmpty)
        for name in catalog.names {
            #expect(throws: Never.self, "\(name)") { _ = try catalog.schema(named: name) }
        }
    }

    @Test func everySchemaNamesItsDialectIdentityAndSource() throws {
        for name in try Self.catalog().names {
            let url = PackageDirectories.schemas.appending(path: name + SchemaCatalog.fileSuffix)
            let schema = try JSONParser().parse(Array(try Data(contentsOf: url)))
            #expect(schema["$schema"]?.stringValue == Self.dialect, "\(name): $schema")
            #expect(schema["$id"]?.stringValue == Self.identifierPrefix + name + SchemaCatalog.fileSuffix, "\(name): $id")
            #expect(schema["title"]?.stringValue?.isEmpty == false, "\(name): title")
            #expect(schema["description"]?.stringValue?.isEmpty == false, "\(name): description")
        }
    }

    @Test func everySchemaHasItsExamplesAndEveryExamplesFileItsSchema() throws {
        let names = try Self.catalog().names
        let files = try SchemaExampleFile.loadAll(from: PackageDirectories.examples)
        let fileByName = Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0) })
        for name in names {
            guard let file = fileByName[name] else {
                Issue.record("\(name) has no examples file Examples/\(name).json")
                continue
            }
            #expect(!file.valid.isEmpty, "\(name): no valid case")
            #expect(file.invalid.count >= Self.minimumInvalidCases, "\(name): \(file.invalid.count) invalid cases")
        }
        for file in files {
            #expect(file.schema == file.name, "Examples/\(file.name).json names schema \(file.schema)")
            #expect(names.contains(file.name), "Examples/\(file.name).json has no schema")
        }
    }

    @Test(arguments: try allExamples())
    func exampleBehavesAsWritten(_ example: SchemaExample) throws {
        let schema = try Self.catalog().schema(named: example.schema)
        if let mismatch = example.mismatch(with: schema.validate(example.instance)) {
            Issue.record(Comment(rawValue: mismatch))
        }
    }
}

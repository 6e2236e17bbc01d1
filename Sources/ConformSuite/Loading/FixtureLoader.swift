import ConformContract
import ConformDigest
import ConformJSON
import Foundation
import JSONMatching

/// Loads every case under a fixtures directory: `<api>/<endpoint or group>/<case>.json`, with
/// binary assets under `assets/` and goldens (`<case>.golden.*`) next to their fixture. Each file
/// is checked against the fixture schema and decoded member by member; then the rules that span
/// files are checked: unique ids, known checks used where they apply, known schemas, known
/// placeholders, valid matchers, existing goldens. Every problem is collected before failing.
public struct FixtureLoader: Sendable {
    public var directory: URL
    public var catalog: CheckCatalog
    /// The schemas fixtures may name, and the fixture schema (`fixture/fixture`) itself.
    public var schemas: any SchemaLibrary
    /// Whether a fixture naming a golden that does not exist is an error. Off while goldens are
    /// being regenerated.
    public var requireGoldens: Bool

    /// The catalog name of the schema every fixture file must satisfy.
    public static let fixtureSchemaName = "fixture/fixture"
    /// The folders grouping cases across endpoints; their cases name their row in `endpoint`.
    public static let groupFolders: Set<String> = ["auth", "errors"]
    public static let assetsFolder = "assets"

    public init(directory: URL, catalog: CheckCatalog = .standard, schemas: any SchemaLibrary, requireGoldens: Bool = true) {
        self.directory = directory
        self.catalog = catalog
        self.schemas = schemas
        self.requireGoldens = requireGoldens
    }

    public func load() throws(FixtureLoadFailure) -> FixtureSet {
        let files: [String]
        do {
            files = try Self.relativeFiles(in: directory)
        } catch {
            throw FixtureLoadFailure(errors: [
                FixtureLoadError(kind: .unreadable, file: directory.path, message: "cannot be read: \(error)")
            ])
        }
        var errors: [FixtureLoadError] = []
        var fixtures: [Fixture] = []
        var firstFileByID: [String: String] = [:]
        var digest = SHA256()
        for file in files {
            let bytes: [UInt8]
            do {
                bytes = try Self.read(directory.appending(path: file))
            } catch {
                errors.append(FixtureLoadError(kind: .unreadable, file: file, message: "cannot be read: \(error)"))
                continue
            }
            digest.update(file.utf8)
            digest.update([0])
            digest.update(bytes)
            guard Self.isCaseFile(file) else {
                if let problem = Self.placementProblem(file) {
                    errors.append(FixtureLoadError(kind: .misplacedFile, file: file, message: problem))
                }
                continue
            }
            switch loadFixture(file: file, bytes: bytes) {
            case .success(let fixture):
                if let earlier = firstFileByID[fixture.id] {
                    errors.append(
                        FixtureLoadError(
                            kind: .duplicateID, file: file, pointer: JSONPointer.root.appending("id"),
                            message: "the id '\(fixture.id)' is already used by \(earlier)"))
                } else {
                    firstFileByID[fixture.id] = file
                    fixtures.append(fixture)
                }
            case .failure(let failure):
                errors += failure.errors
            }
        }
        if errors.isEmpty && fixtures.isEmpty {
            errors.append(FixtureLoadError(kind: .unreadable, file: directory.path, message: "holds no fixture cases (<api>/<endpoint>/<case>.json)"))
        }
        guard errors.isEmpty else { throw FixtureLoadFailure(errors: errors) }
        return FixtureSet(fixtures: fixtures, digest: digest.finalize().hexString)
    }

    /// Loads one case file given its path relative to the directory and its bytes.
    public func loadFixture(file: String, bytes: [UInt8]) -> Result<Fixture, FixtureLoadFailure> {
        let parts = file.split(separator: "/").map(String.init)
        guard parts.count == 3, let api = APIFamily(rawValue: parts[0]) else {
            return .failure(
                FixtureLoadFailure(errors: [
                    FixtureLoadError(
                        kind: .misplacedFile, file: file,
                        message:
                            "cases live at <api>/<endpoint>/<case>.json with <api> one of \(APIFamily.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                ]))
        }
        let document: JSON
        do {
            document = try JSONParser().parse(bytes)
        } catch {
            return .failure(
                FixtureLoadFailure(errors: [
                    FixtureLoadError(kind: .invalidJSON, file: file, message: "is not valid JSON: \(error)")
                ]))
        }
        guard schemas.hasSchema(named: Self.fixtureSchemaName) else {
            return .failure(
                FixtureLoadFailure(errors: [
                    FixtureLoadError(
                        kind: .unreadable, file: file, message: "cannot be checked: the schemas have no \(Self.fixtureSchemaName)")
                ]))
        }
        let violations = schemas.violations(of: document, againstSchemaNamed: Self.fixtureSchemaName)
        if !violations.isEmpty {
            return .failure(
                FixtureLoadFailure(
                    errors: violations.map {
                        FixtureLoadError(kind: .schemaViolation, file: file, pointer: $0.pointer, message: $0.message)
                    }))
        }
        var fixture: Fixture
        do {
            fixture = try JSONValueDecoder().decode(Fixture.self, from: document)
        } catch {
            return .failure(
                FixtureLoadFailure(errors: [
                    FixtureLoadError(kind: .invalidField, file: file, pointer: error.pointer, message: error.message)
                ]))
        }
        fixture.file = file
        guard fixture.api == api else {
            return .failure(
                FixtureLoadFailure(errors: [
                    FixtureLoadError(
                        kind: .misplacedFile, file: file, pointer: JSONPointer.root.appending("endpoint"),
                        message: "'\(fixture.endpoint.rawValue)' belongs under \(fixture.endpoint.api.rawValue)/, not \(api.rawValue)/")
                ]))
        }
        if case .multipart(let fields, var files) = fixture.request.body {
            var missing: [FixtureLoadError] = []
            for index in files.indices {
                if let data = try? Self.read(directory.appending(path: files[index].path)) {
                    files[index].data = data
                } else {
                    missing.append(
                        FixtureLoadError(
                            kind: .missingAsset, file: file,
                            pointer: JSONPointer(tokens: ["request", "multipart", "files", String(index), "path"]),
                            message: "the asset '\(files[index].path)' does not exist"))
                }
            }
            guard missing.isEmpty else { return .failure(FixtureLoadFailure(errors: missing)) }
            fixture.request.body = .multipart(fields: fields, files: files)
        }
        let group = parts[1]
        if group != fixture.endpoint.rawValue && !Self.groupFolders.contains(group) {
            return .failure(
                FixtureLoadFailure(errors: [
                    FixtureLoadError(
                        kind: .misplacedFile, file: file, pointer: JSONPointer.root.appending("endpoint"),
                        message:
                            "the case is for '\(fixture.endpoint.rawValue)' but sits in \(parts[0])/\(group)/; move it to \(parts[0])/\(fixture.endpoint.rawValue)/"
                    )
                ]))
        }
        var problems = semanticProblems(fixture, file: file)
        if let name = fixture.expectation.golden {
            let path = fixture.folder + "/" + name
            if let bytes = try? Self.read(directory.appending(path: path)) {
                fixture.golden = Golden(file: path, bytes: bytes)
            } else if requireGoldens {
                problems.append(
                    FixtureLoadError(
                        kind: .missingGolden, file: file, pointer: JSONPointer.root.appending("expect").appending("golden"),
                        message: "the golden '\(path)' does not exist; write it with 'conform fixtures regenerate'"))
            }
        }
        return problems.isEmpty ? .success(fixture) : .failure(FixtureLoadFailure(errors: problems))
    }

    /// The rules that need the catalogs: checks, schemas, placeholders, matchers, stream use.
    private func semanticProblems(_ fixture: Fixture, file: String) -> [FixtureLoadError] {
        var problems: [FixtureLoadError] = []
        let expect = JSONPointer.root.appending("expect")
        func problem(_ kind: FixtureLoadError.Kind, _ pointer: JSONPointer, _ message: String) {
            problems.append(FixtureLoadError(kind: kind, file: file, pointer: pointer, message: message))
        }
        let expectation = fixture.expectation
        var seen = Set<String>()
        for (index, name) in expectation.checks.enumerated() {
            let pointer = expect.appending("checks").appending(index)
            if CheckCatalog.expectationCheckNames.contains(name) {
                problem(
                    .misusedCheck, pointer,
                    "'\(name)' runs by itself when expect.\(Self.memberFor(name)) is set; remove it from checks")
            } else if let check = catalog.check(named: name) {
                if !seen.insert(name).inserted { problem(.misusedCheck, pointer, "'\(name)' is listed twice") }
                if let misuse = check.misuse(in: fixture) { problem(.misusedCheck, pointer, "'\(name)' \(misuse)") }
            } else {
                let hint = catalog.suggestion(for: name).map { "; did you mean '\($0)'?" } ?? ""
                problem(.unknownCheck, pointer, "'\(name)' is not a check\(hint)")
            }
        }
        if let schema = expectation.schema, !schemas.hasSchema(named: schema) {
            problem(.unknownSchema, expect.appending("schema"), "no schema named '\(schema)' under Schemas/")
        }
        if expectation.stream != nil {
            if expectation.json != nil && !StreamAssembly.rows.contains(fixture.endpoint) {
                problem(
                    .invalidField, expect.appending("json"),
                    "cannot match a \(fixture.endpoint.rawValue) stream: only chat, completions, messages and responses streams are assembled into one answer"
                )
            }
            if expectation.text != nil {
                problem(.invalidField, expect.appending("text"), "cannot match a stream's body; use schema and the stream checks")
            }
        }
        if expectation.json != nil && expectation.text != nil {
            problem(.invalidField, expect.appending("text"), "expect.json and expect.text exclude each other")
        }
        if let golden = expectation.golden, (Golden.kind(ofFile: golden) == .eventStream) != (expectation.stream != nil) {
            let wanted = expectation.stream != nil ? "a .sse golden for a stream" : "a .json or binary golden for a whole answer"
            problem(.invalidField, expect.appending("golden"), "'\(golden)' does not fit: expected \(wanted)")
        }
        for (pointer, pattern) in [
            (expect.appending("json"), expectation.json), (expect.appending("text"), expectation.text),
            (expect.appending("headers"), expectation.headers),
        ] {
            guard let pattern else { continue }
            for mismatch in JSONMatcher.problems(in: pattern) {
                problem(.invalidMatcher, JSONPointer(tokens: pointer.tokens + mismatch.pointer.tokens), mismatch.message)
            }
        }
        for (pointer, text) in placeholderTexts(fixture) {
            do {
                _ = try PlaceholderText.placeholders(in: text)
            } catch {
                problem(
                    .unknownPlaceholder, pointer,
                    "\(error.text) is not a placeholder; use ${model.ROLE} (\(ModelRole.allCases.map(\.rawValue).joined(separator: ", "))) or ${route.ROLE} (\(RouteRole.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
        }
        return problems
    }

    /// Every text of a fixture that may hold placeholders, with its pointer.
    private func placeholderTexts(_ fixture: Fixture) -> [(JSONPointer, JSON)] {
        let request = JSONPointer.root.appending("request")
        var texts: [(JSONPointer, JSON)] = [(request.appending("path"), .string(fixture.request.path))]
        for header in fixture.request.headers {
            texts.append((request.appending("headers").appending(header.name), .string(header.value)))
        }
        switch fixture.request.body {
        case .json(let json): texts.append((request.appending("json"), json))
        case .text(let text): texts.append((request.appending("text"), .string(text)))
        case .multipart(let fields, _):
            for field in fields {
                texts.append((request.appending("multipart").appending("fields").appending(field.name), .string(field.value)))
            }
        case nil: break
        }
        let expect = JSONPointer.root.appending("expect")
        if let json = fixture.expectation.json { texts.append((expect.appending("json"), json)) }
        if let text = fixture.expectation.text { texts.append((expect.appending("text"), text)) }
        return texts
    }

    private static func memberFor(_ check: String) -> String {
        check == "content-type" ? "contentType" : check
    }

    /// Case files: `<api>/<folder>/<case>.json`, not goldens, not under assets/.
    static func isCaseFile(_ file: String) -> Bool {
        file.hasSuffix(".json") && !file.contains(".golden.") && !file.hasPrefix(assetsFolder + "/")
    }

    /// Why a non-case file is out of place, nil when it belongs where it is.
    static func placementProblem(_ file: String) -> String? {
        if file.hasPrefix(assetsFolder + "/") || file.contains(".golden.") || file.hasSuffix(".md") { return nil }
        return "is neither a case (<case>.json), a golden (<case>.golden.*) nor an asset under assets/"
    }

    /// Every regular file below `directory`, relative to it, sorted by path.
    static func relativeFiles(in directory: URL) throws -> [String] {
        let directory = directory.standardizedFileURL.resolvingSymlinksInPath()
        let root = directory.path
        let prefix = root.hasSuffix("/") ? root : root + "/"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: root])
        }
        var files: [String] = []
        let walker = FileManager.default.enumerator(
            at: directory.standardizedFileURL, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(prefix) else { continue }
            files.append(String(path.dropFirst(prefix.count)))
        }
        return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    static func read(_ url: URL) throws -> [UInt8] {
        Array(try Data(contentsOf: url))
    }
}

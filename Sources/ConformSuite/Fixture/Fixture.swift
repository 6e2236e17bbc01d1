import ConformContract
import ConformJSON

/// One fixture case, loaded and checked: the request to send and what the answer must look like,
/// with the sentence of the docs or spec it enforces.
public struct Fixture: Sendable, Hashable {
    /// The stable case id, e.g. `rerank.documented-example`; unique across the suite.
    public var id: String
    public var api: APIFamily
    /// The contract row the case exercises.
    public var endpoint: ContractRow
    public var summary: String
    public var level: RequirementLevel
    /// The sentence of the GPUStack docs (must) or the upstream spec (should) the case enforces.
    public var source: String
    /// The clients that break when the case fails, for the readiness table.
    public var clients: [ClientProfile]
    /// The fixture file relative to the fixtures directory, e.g. `jina/rerank/documented-example.json`.
    public var file: String
    public var request: FixtureRequest
    public var expectation: Expectation
    /// The golden named by `expectation.golden`, when its file exists.
    public var golden: Golden?

    public init(
        id: String, api: APIFamily, endpoint: ContractRow, summary: String, level: RequirementLevel, source: String,
        clients: [ClientProfile] = [], file: String, request: FixtureRequest, expectation: Expectation, golden: Golden? = nil
    ) {
        self.id = id
        self.api = api
        self.endpoint = endpoint
        self.summary = summary
        self.level = level
        self.source = source
        self.clients = clients
        self.file = file
        self.request = request
        self.expectation = expectation
        self.golden = golden
    }

    /// The folder of the fixture file relative to the fixtures directory, where its golden lives.
    public var folder: String {
        guard let slash = file.lastIndex(of: "/") else { return "" }
        return String(file[..<slash])
    }
}

import ConformJSON

/// What a check may know about the exchange it judges besides the answer itself: the case and
/// the request as sent, the golden when goldens are compared, the schemas, and the run's API
/// key so leaks of it can be found (checks never print it).
public struct CheckContext: Sendable {
    public var prepared: PreparedCase
    /// The golden to compare against; nil unless the target is declared deterministic.
    public var golden: Golden?
    public var schemas: any SchemaLibrary
    /// The API key the run presents, so a check can tell whether it leaked.
    public var apiKey: String?

    public init(prepared: PreparedCase, golden: Golden?, schemas: any SchemaLibrary, apiKey: String?) {
        self.prepared = prepared
        self.golden = golden
        self.schemas = schemas
        self.apiKey = apiKey
    }

    public var fixture: Fixture { prepared.fixture }
    public var request: PreparedRequest { prepared.request }
}

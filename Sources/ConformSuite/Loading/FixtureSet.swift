/// The loaded fixture cases in their stable run order (by file path), with the digest of the
/// files they came from.
public struct FixtureSet: Sendable {
    public var fixtures: [Fixture]
    /// SHA-256 over every file under the fixtures directory (path and content), so two reports
    /// say whether they ran the same suite.
    public var digest: String

    public init(fixtures: [Fixture], digest: String) {
        self.fixtures = fixtures
        self.digest = digest
    }
}

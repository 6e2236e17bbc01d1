import ConformContract
import ConformJSON

/// What a check is, as users filter, baseline and read it: its stable name, how binding it is,
/// a one-line description, and the sentence of the docs or spec it enforces.
public struct CheckDescriptor: Sendable, Hashable {
    /// The stable name fixtures, baselines and reports use, e.g. `rerank.sorted-desc`.
    public var name: String
    public var level: RequirementLevel
    /// One line saying what the check verifies.
    public var summary: String
    /// The sentence of the GPUStack docs (must) or the upstream spec (should) behind the check.
    public var source: String

    public init(name: String, level: RequirementLevel, summary: String, source: String) {
        self.name = name
        self.level = level
        self.summary = summary
        self.source = source
    }
}

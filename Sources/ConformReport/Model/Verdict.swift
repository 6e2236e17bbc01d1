/// The outcome of one check or one case. `skip` (not applicable or not configured) and `error`
/// (could not be run) are never counted as pass or fail.
public enum Verdict: String, Sendable, Hashable, CaseIterable {
    case pass
    case fail
    case skip
    case error
}

/// How binding a rule is, in RFC 2119 terms: `must` rules are what the GPUStack docs state;
/// `should` rules come from the upstream OpenAI, Anthropic or Jina specifications.
public enum RequirementLevel: String, Sendable, Hashable, CaseIterable, Comparable {
    case must
    case should

    public static func < (lhs: RequirementLevel, rhs: RequirementLevel) -> Bool {
        lhs == .must && rhs == .should
    }
}

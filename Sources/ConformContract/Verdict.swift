/// The outcome of one check or one case.
///
/// - `pass`, `fail`: the server was judged.
/// - `skip`: not run, because the target's configuration does not cover it (an unmapped role);
///   never counted as a pass or a failure.
/// - `unsupported`: the endpoint itself is absent from the server (404 or 405 without the
///   contract's envelope where the endpoint should answer); a failure of a documented row.
/// - `error`: the case could not be carried out (the target was unreachable).
public enum Verdict: String, Sendable, Hashable, CaseIterable, Codable {
    case pass
    case fail
    case skip
    case unsupported
    case error
}

/// How binding a rule is, in RFC 2119 terms, decided by what breaks a client: `must` is what the
/// GPUStack docs state plus the wire contract of the compatible APIs as far as clients depend on
/// it; `should` is the letter of the upstream specifications beyond that.
public enum RequirementLevel: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case must
    case should

    public static func < (lhs: RequirementLevel, rhs: RequirementLevel) -> Bool {
        lhs == .must && rhs == .should
    }

    /// The level a result binds at: the weaker of its check's and its case's. A must check in a
    /// should case is a should.
    public static func binding(check: RequirementLevel, inCase caseLevel: RequirementLevel) -> RequirementLevel {
        max(check, caseLevel)
    }
}

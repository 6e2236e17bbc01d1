import ConformJSON

/// A named check: a rule of the contract that fixtures invoke by name. A check is stateless; for
/// each exchange it makes an evaluator that sees the stream events as they arrive (if any) and
/// then decides on the complete answer.
public protocol Check: Sendable {
    var descriptor: CheckDescriptor { get }

    /// Why `fixture` cannot use this check (for instance a rerank check on a request without
    /// documents), found when fixtures load; nil when it can.
    func misuse(in fixture: Fixture) -> String?

    func makeEvaluator(for context: CheckContext) -> any CheckEvaluator
}

extension Check {
    public func misuse(in fixture: Fixture) -> String? { nil }
}

/// The state of one check on one exchange.
public protocol CheckEvaluator {
    /// Sees one event of a streamed answer, in arrival order, as soon as it arrives.
    mutating func observe(_ event: StreamEvent)

    /// Decides once the answer is complete (or the stream ended).
    mutating func conclude(_ response: ObservedResponse) -> CheckResult
}

extension CheckEvaluator {
    public mutating func observe(_ event: StreamEvent) {}
}

/// A check that looks only at the complete answer.
public protocol ResponseCheck: Check {
    func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult
}

extension ResponseCheck {
    public func makeEvaluator(for context: CheckContext) -> any CheckEvaluator {
        CompleteResponseEvaluator(check: self, context: context)
    }
}

/// Runs a ``ResponseCheck`` when the answer is complete.
struct CompleteResponseEvaluator<Checked: ResponseCheck>: CheckEvaluator {
    let check: Checked
    let context: CheckContext

    mutating func conclude(_ response: ObservedResponse) -> CheckResult {
        check.evaluate(response, in: context)
    }
}

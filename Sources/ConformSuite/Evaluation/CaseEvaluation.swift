import ConformContract

/// The verdict of one check within a case, at the level it binds there: the weaker of the
/// check's own level and the case's.
public struct CheckOutcome: Sendable, Hashable {
    public var descriptor: CheckDescriptor
    public var level: RequirementLevel
    public var result: CheckResult

    public init(descriptor: CheckDescriptor, level: RequirementLevel, result: CheckResult) {
        self.descriptor = descriptor
        self.level = level
        self.result = result
    }
}

/// Runs a case's checks on one exchange: the checks its expectation switches on, then those it
/// lists, leaving out checks below the run's level. Stream events are fed in as they arrive;
/// the verdicts come when the answer is complete.
public struct CaseEvaluation {
    private var evaluators: [(descriptor: CheckDescriptor, level: RequirementLevel, evaluator: any CheckEvaluator)]

    /// - Parameter minimumLevel: `.must` leaves out should-level checks; `.should` runs all.
    public init(context: CheckContext, catalog: CheckCatalog, minimumLevel: RequirementLevel) {
        let expectation = context.fixture.expectation
        var names: [String] = []
        if expectation.status != nil { names.append("status") }
        if expectation.contentTypes != nil { names.append("content-type") }
        if expectation.headers != nil { names.append("headers") }
        if expectation.schema != nil { names += ["schema", "schema.letter"] }
        if expectation.json != nil { names.append("json") }
        if expectation.text != nil { names.append("text") }
        if context.golden != nil { names.append("golden") }
        names += expectation.checks
        evaluators = []
        for name in names {
            guard let check = catalog.check(named: name) else { continue }
            let level = max(check.descriptor.level, context.fixture.level)
            guard level <= minimumLevel else { continue }
            evaluators.append((check.descriptor, level, check.makeEvaluator(for: context)))
        }
    }

    /// The names of the checks that will run, in order.
    public var checkNames: [String] { evaluators.map(\.descriptor.name) }

    public mutating func observe(_ event: StreamEvent) {
        for index in evaluators.indices { evaluators[index].evaluator.observe(event) }
    }

    public mutating func conclude(_ response: ObservedResponse) -> [CheckOutcome] {
        evaluators.indices.map { index in
            CheckOutcome(
                descriptor: evaluators[index].descriptor, level: evaluators[index].level,
                result: evaluators[index].evaluator.conclude(response))
        }
    }

    /// The verdicts when no answer arrived: `status` fails with the reason, the rest have nothing
    /// to judge.
    public func concludeWithoutAnswer(_ reason: String) -> [CheckOutcome] {
        evaluators.map { entry in
            let result: CheckResult =
                entry.descriptor.name == "status"
                ? .fail("no complete answer: \(reason)") : .skip("no answer to check")
            return CheckOutcome(descriptor: entry.descriptor, level: entry.level, result: result)
        }
    }
}

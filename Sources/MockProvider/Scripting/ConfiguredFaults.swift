import Synchronization
import Workers

/// Faults the configuration injects at random but repeatably (`faults` in the config file): each
/// rule matches requests as a stub does and fires with its probability, drawn from a generator
/// seeded with the mock's seed, so the same sequence of requests meets the same faults.
public struct ConfiguredFault: Sendable, Hashable, Codable {
    public var match: StubMatch?
    public var probability: Double
    public var fault: Fault

    public init(match: StubMatch? = nil, probability: Double, fault: Fault) {
        self.match = match
        self.probability = probability
        self.fault = fault
    }
}

/// The configured fault rules and their seeded draws.
final class ConfiguredFaults: Sendable {
    let rules: [ConfiguredFault]
    private let random: Mutex<SeededRandom>

    init(_ rules: [ConfiguredFault], seed: UInt64) {
        self.rules = rules
        random = Mutex(SeededRandom(seed: seed ^ 0x6661_756C_7473))
    }

    var isEmpty: Bool { rules.isEmpty }

    /// The fault the first rule that matches and fires gives `request`, or nil.
    func draw(for request: StubRequest) -> Fault? {
        for rule in rules where rule.match.map({ StubSet.matches($0, request) }) ?? true {
            let roll = random.withLock { $0.unit() }
            if roll < rule.probability { return rule.fault }
        }
        return nil
    }
}

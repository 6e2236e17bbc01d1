/// How fast a stream is delivered: a wait before the first token, a wait between tokens, and a
/// seeded jitter on both, so clients can exercise their timeouts. All zero by default.
public struct StreamingPace: Sendable, Hashable {
    public var timeToFirstToken: Duration
    public var interToken: Duration
    /// Each wait is moved by up to this much either way (never below zero).
    public var jitter: Duration

    public init(timeToFirstToken: Duration = .zero, interToken: Duration = .zero, jitter: Duration = .zero) {
        self.timeToFirstToken = timeToFirstToken
        self.interToken = interToken
        self.jitter = jitter
    }

    public static let immediate = StreamingPace()

    public var isImmediate: Bool { timeToFirstToken == .zero && interToken == .zero && jitter == .zero }

    /// The wait before token number `index` (0 is the first), with jitter from `random`.
    func delay(beforeToken index: Int, _ random: inout SeededRandom) -> Duration {
        let base = index == 0 ? timeToFirstToken : interToken
        guard jitter > .zero else { return base }
        let spread = Double(jitter.components.seconds) + Double(jitter.components.attoseconds) * 1e-18
        let offset = (random.unit() * 2 - 1) * spread
        let total = Double(base.components.seconds) + Double(base.components.attoseconds) * 1e-18 + offset
        return total > 0 ? .nanoseconds(Int64(total * 1e9)) : .zero
    }
}

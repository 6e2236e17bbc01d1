import Synchronization

/// One planned event of a stream and whether it carries a token (and so waits its turn).
public struct PlannedEvent: Sendable {
    public var event: WorkerEvent
    public var carriesToken: Bool

    public init(_ event: WorkerEvent, carriesToken: Bool = false) {
        self.event = event
        self.carriesToken = carriesToken
    }
}

/// Delivers planned events at the configured pace. There is no producer task: each event is handed
/// out when the consumer asks for it, so a client that disconnects leaves nothing running.
public enum PacedEventStream {
    public static func make(_ events: [PlannedEvent], pace: StreamingPace, seed: UInt64) -> WorkerEventStream {
        let source = Source(events: events, pace: pace, seed: seed)
        return AsyncThrowingStream(unfolding: source.next)
    }

    private final class Source: Sendable {
        private struct State {
            var position = 0
            var tokensSent = 0
            var random: SeededRandom
        }

        let events: [PlannedEvent]
        let pace: StreamingPace
        private let state: Mutex<State>

        init(events: [PlannedEvent], pace: StreamingPace, seed: UInt64) {
            self.events = events
            self.pace = pace
            state = Mutex(State(random: SeededRandom(seed: seed ^ 0x7061_6365)))
        }

        @Sendable func next() async throws -> WorkerEvent? {
            let step: (PlannedEvent, Duration)? = state.withLock { state in
                guard state.position < events.count else { return nil }
                let planned = events[state.position]
                state.position += 1
                var wait = Duration.zero
                if planned.carriesToken && !pace.isImmediate {
                    wait = pace.delay(beforeToken: state.tokensSent, &state.random)
                }
                if planned.carriesToken { state.tokensSent += 1 }
                return (planned, wait)
            }
            guard let (planned, wait) = step else { return nil }
            if wait > .zero { try await Task.sleep(for: wait) }
            return planned.event
        }
    }
}

import Synchronization
import Workers

/// What the gateway knows about one engine's health, shared by every model the engine serves:
/// ready until a probe or a request finds it unreachable, ready again once either gets an answer.
/// It starts ready, so a gateway serves at once and learns otherwise from its first probe.
final class EngineHealth: Sendable {
    private struct State {
        var readiness = WorkerReadiness.ready
        var consecutiveFailures = 0
    }

    private let state = Mutex(State())

    var readiness: WorkerReadiness { state.withLock { $0.readiness } }

    /// Failed probes and requests since the last answer.
    var consecutiveFailures: Int { state.withLock { $0.consecutiveFailures } }

    /// The engine answered (any status: an engine that refuses a request is still up).
    func recordAnswer() {
        state.withLock { state in
            state.readiness = .ready
            state.consecutiveFailures = 0
        }
    }

    func recordFailure(_ reason: String) {
        state.withLock { state in
            state.readiness = .notReady(reason: reason)
            state.consecutiveFailures += 1
        }
    }
}

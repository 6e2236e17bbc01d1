import Dispatch
import Foundation
import Synchronization

/// Runs the heavy part of requests (embedding, rerank, speech, transcription, pictures) with
/// bounded concurrency, on threads of its own rather than Swift's cooperative pool, so that a
/// burst of heavy requests cannot starve the model list, health checks or streams. At most
/// ``concurrency`` jobs run at once, at most ``queueDepth`` wait for a turn, each for at most
/// ``queueTimeout``; beyond that the request is turned away at once with ``Busy``, which the
/// servers answer as 503 with `Retry-After`. A job whose request went away while it waited never
/// starts.
public final class HeavyWorkPool: Sendable {
    /// Thrown when the pool is full, or a turn did not come in time.
    public struct Busy: Error, Sendable, Hashable, CustomStringConvertible {
        /// The seconds after which a retry is worth trying.
        public var retryAfterSeconds: Int
        public var description: String {
            "the server is busy with other heavy requests; retry after \(retryAfterSeconds) s"
        }
    }

    public let concurrency: Int
    public let queueDepth: Int
    public let queueTimeout: Duration

    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var running = 0
        var waiters: [Waiter] = []
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "conform.heavy-work", qos: .userInitiated, attributes: .concurrent)

    /// How a pool is sized.
    public struct Settings: Sendable, Hashable {
        /// Jobs at once; by default one per core but one, so the cooperative pool keeps a core.
        public var concurrency: Int
        public var queueDepth: Int
        public var queueTimeout: Duration

        public init(
            concurrency: Int = max(1, ProcessInfo.processInfo.activeProcessorCount - 1), queueDepth: Int = 1024,
            queueTimeout: Duration = .seconds(10)
        ) {
            self.concurrency = concurrency
            self.queueDepth = queueDepth
            self.queueTimeout = queueTimeout
        }
    }

    /// A pool for one server: every engine it serves shares it.
    public init(_ settings: Settings = Settings()) {
        concurrency = max(1, settings.concurrency)
        queueDepth = max(0, settings.queueDepth)
        queueTimeout = settings.queueTimeout
    }

    /// Runs `work` when a turn comes, off the cooperative pool, and returns what it returns. The
    /// flag it is given is set when the calling task is cancelled, and reads as set once the
    /// client has left (``ClientLiveness``), for `work` to give up early. A job waiting for its
    /// turn checks the client every ``livenessInterval``.
    public func run<Result: Sendable>(_ work: @escaping @Sendable (CancellationFlag) -> Result) async throws -> Result {
        let isConnected = ClientLiveness.isConnected
        if !takeFreeTurn() { try await waitForTurn(isConnected: isConnected) }
        defer { release() }
        try Task.checkCancellation()
        let flag = CancellationFlag(isConnected: isConnected)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                queue.async { continuation.resume(returning: work(flag)) }
            }
        } onCancel: {
            flag.set()
        }
    }

    /// How often a waiting job checks that its client is still there.
    static let livenessInterval: Duration = .milliseconds(100)

    /// How many jobs run now, for metrics and tests.
    public var running: Int { state.withLock { $0.running } }

    /// How many jobs wait for a turn.
    public var waiting: Int { state.withLock { $0.waiters.count } }

    /// Takes a turn if one is free now: the common case, with no timer.
    private func takeFreeTurn() -> Bool {
        state.withLock { state in
            guard state.running < concurrency, state.waiters.isEmpty else { return false }
            state.running += 1
            return true
        }
    }

    private func waitForTurn(isConnected: (@Sendable () -> Bool)?) async throws {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        // Gives the turn up when the wait runs out, or when the client has gone meanwhile.
        let timeout = Task { [queueTimeout] in
            let deadline = ContinuousClock.now + queueTimeout
            while ContinuousClock.now < deadline {
                try await Task.sleep(for: min(Self.livenessInterval, ContinuousClock.now.duration(to: deadline)))
                if let isConnected, !isConnected() { return self.abandon(id, with: CancellationError()) }
            }
            self.abandon(id, with: Busy(retryAfterSeconds: 1))
        }
        defer { timeout.cancel() }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                // Decided under the lock, so a turn freed meanwhile is never missed.
                let outcome: Result<Bool, any Error> = state.withLock { state in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if state.running < concurrency {
                        state.running += 1
                        return .success(true)
                    }
                    guard state.waiters.count < queueDepth else { return .failure(Busy(retryAfterSeconds: 1)) }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return .success(false)
                }
                switch outcome {
                case .success(true): continuation.resume()
                case .success(false): break
                case .failure(let error): continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            self.abandon(id, with: CancellationError())
        }
    }

    /// Takes waiter `id` out of the queue and resumes it with `error`, if it is still waiting.
    private func abandon(_ id: UInt64, with error: any Error) {
        let waiter: Waiter? = state.withLock { state in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index)
        }
        waiter?.continuation.resume(throwing: error)
    }

    /// Hands the turn to the first waiter, or frees it.
    private func release() {
        let next: Waiter? = state.withLock { state in
            if state.waiters.isEmpty {
                state.running -= 1
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.continuation.resume()
    }
}

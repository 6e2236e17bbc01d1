import Foundation
import Synchronization
import Testing
import Workers

/// The pool that bounds heavy work: turns taken in order, a full pool refusing at once, a wait that
/// runs out, and a waiter whose request went away never running.
@Suite("Heavy work pool", .timeLimit(.minutes(1)))
struct HeavyWorkPoolTests {
    /// A job that holds its turn until released.
    final class Gate: Sendable {
        private let semaphore = DispatchSemaphore(value: 0)
        func wait() { semaphore.wait() }
        func open() { semaphore.signal() }
    }

    /// Waits until `condition` holds, polling.
    func eventually(_ condition: () -> Bool) async throws {
        for _ in 0..<500 where !condition() { try await Task.sleep(for: .milliseconds(5)) }
        #expect(condition())
    }

    @Test func aFullPoolRefusesAtOnceAndAQueueWaitsItsTurn() async throws {
        let pool = HeavyWorkPool(.init(concurrency: 1, queueDepth: 1, queueTimeout: .seconds(30)))
        let gate = Gate()
        let first = Task { try await pool.run { _ in gate.wait(); return 1 } }
        try await eventually { pool.running == 1 }
        let second = Task { try await pool.run { _ in 2 } }
        try await eventually { pool.waiting == 1 }
        await #expect(throws: HeavyWorkPool.Busy.self) { try await pool.run { _ in 3 } }
        gate.open()
        #expect(try await first.value == 1)
        #expect(try await second.value == 2)
        #expect(pool.running == 0 && pool.waiting == 0)
    }

    @Test func aWaitThatRunsOutIsRefused() async throws {
        let pool = HeavyWorkPool(.init(concurrency: 1, queueDepth: 4, queueTimeout: .milliseconds(100)))
        let gate = Gate()
        let holder = Task { try await pool.run { _ in gate.wait(); return 0 } }
        try await eventually { pool.running == 1 }
        await #expect(throws: HeavyWorkPool.Busy.self) { try await pool.run { _ in 1 } }
        gate.open()
        _ = try await holder.value
    }

    @Test func aWaiterWhoseRequestWentAwayNeverRuns() async throws {
        let pool = HeavyWorkPool(.init(concurrency: 1, queueDepth: 4, queueTimeout: .seconds(30)))
        let gate = Gate()
        let ran = Atomic<Bool>(false)
        let holder = Task { try await pool.run { _ in gate.wait(); return 0 } }
        try await eventually { pool.running == 1 }
        let waiter = Task { try await pool.run { _ in ran.store(true, ordering: .relaxed) } }
        try await eventually { pool.waiting == 1 }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(pool.waiting == 0)
        gate.open()
        _ = try await holder.value
        let didRun = ran.load(ordering: .relaxed)
        #expect(!didRun)
    }

    @Test func aRunningJobSeesItsRequestGoAway() async throws {
        let pool = HeavyWorkPool(.init(concurrency: 1))
        let started = Atomic<Bool>(false)
        let job = Task {
            try await pool.run { flag -> Bool in
                started.store(true, ordering: .relaxed)
                while !flag.isSet { usleep(1_000) }
                return flag.isSet
            }
        }
        try await eventually { started.load(ordering: .relaxed) == true }
        job.cancel()
        #expect(try await job.value)
    }

    @Test func aRunningJobSeesItsClientLeave() async throws {
        let pool = HeavyWorkPool(.init(concurrency: 1))
        let connected = Atomic<Bool>(true)
        let started = Atomic<Bool>(false)
        let job = Task {
            try await ClientLiveness.$isConnected.withValue({ connected.load(ordering: .relaxed) }) {
                try await pool.run { flag -> Bool in
                    started.store(true, ordering: .relaxed)
                    while !flag.isSet { usleep(1_000) }
                    return flag.isSet
                }
            }
        }
        try await eventually { started.load(ordering: .relaxed) == true }
        #expect(pool.running == 1)
        connected.store(false, ordering: .relaxed)
        #expect(try await job.value)
    }
}

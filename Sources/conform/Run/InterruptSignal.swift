import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Turns Ctrl-C into cancellation of the work in progress, so a run can write what finished and
/// exit 130; a second Ctrl-C exits at once.
enum InterruptSignal {
    static func interruptible<Result: Sendable>(_ work: @escaping @Sendable () async -> Result) async -> Result {
        let task = Task { await work() }
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let presses = PressCount()
        source.setEventHandler {
            if presses.count.add(1, ordering: .relaxed).newValue > 1 { exit(130) }
            StandardError.write(
                "\nconform: interrupted; writing the report for the cases that finished (Ctrl-C again to quit now)\n")
            task.cancel()
        }
        source.resume()
        let result = await task.value
        source.cancel()
        return result
    }
}

/// How many times Ctrl-C was pressed.
private final class PressCount: Sendable {
    let count = Atomic<Int>(0)
}

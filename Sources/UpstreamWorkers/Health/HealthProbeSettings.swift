/// How the gateway checks its engines in the background: a probe every `interval` while an engine
/// is ready; after a failure, again after `interval`, then twice as long each time, up to
/// `maximumBackoff`. A probe that takes longer than `timeout` fails.
public struct HealthProbeSettings: Sendable, Hashable {
    public var interval: Duration
    public var timeout: Duration
    public var maximumBackoff: Duration

    public init(interval: Duration = .seconds(5), timeout: Duration = .seconds(2), maximumBackoff: Duration = .seconds(30)) {
        self.interval = interval
        self.timeout = timeout
        self.maximumBackoff = maximumBackoff
    }

    /// The wait before the next probe after `failures` failed ones in a row (0 while healthy).
    public func delay(afterConsecutiveFailures failures: Int) -> Duration {
        guard failures > 1 else { return interval }
        var delay = interval
        for _ in 1..<failures {
            delay *= 2
            if delay >= maximumBackoff { return max(maximumBackoff, interval) }
        }
        return delay
    }
}

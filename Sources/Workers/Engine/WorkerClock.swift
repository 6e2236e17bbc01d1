import Foundation

/// Where `created` timestamps come from: a fixed instant by default, so responses are byte-stable,
/// or the system clock.
public enum WorkerClock: Sendable, Hashable {
    case fixed(Int64)
    case system

    /// 2026-01-01T00:00:00Z.
    public static let defaultInstant: Int64 = 1_767_225_600

    public var now: Int64 {
        switch self {
        case .fixed(let seconds): seconds
        case .system: Int64(Date().timeIntervalSince1970)
        }
    }
}

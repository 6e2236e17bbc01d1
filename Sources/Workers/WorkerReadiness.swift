/// Whether an engine can take requests, and if not, why: what a health probe or a failed request
/// last found, worded for the 503 a client gets.
public enum WorkerReadiness: Sendable, Hashable {
    case ready
    case notReady(reason: String)

    public var isReady: Bool { self == .ready }
}

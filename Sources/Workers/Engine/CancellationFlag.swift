import Synchronization

/// Set when the request a piece of heavy work is for has gone away; the work checks it between
/// its units (an input, a word) and gives up, so nothing keeps computing for nobody. A flag made
/// with the client's liveness (``ClientLiveness``) also reads as set once that client has left.
public final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    private let isConnected: (@Sendable () -> Bool)?

    public init(isConnected: (@Sendable () -> Bool)? = nil) {
        self.isConnected = isConnected
    }

    public func set() { flag.store(true, ordering: .relaxed) }

    public var isSet: Bool {
        if flag.load(ordering: .relaxed) { return true }
        guard let isConnected, !isConnected() else { return false }
        set()
        return true
    }
}

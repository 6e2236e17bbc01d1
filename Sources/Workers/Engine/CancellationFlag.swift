import Synchronization

/// Set when the request a piece of heavy work is for has gone away; the work checks it between
/// its units (an input, a word) and gives up, so nothing keeps computing for nobody.
public final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func set() { flag.store(true, ordering: .relaxed) }

    public var isSet: Bool { flag.load(ordering: .relaxed) }
}

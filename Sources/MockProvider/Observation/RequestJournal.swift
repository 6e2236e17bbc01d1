import ConformJSON
import Foundation
import Synchronization

/// Every request the mock received, with its answer's status, size and timings: the most recent
/// ``capacity`` kept in memory for the admin API to query and reset, and, with a file, each one
/// appended to it as a line of JSON (the file is never trimmed). Lines are written in batches
/// off the request's path, within ``writeDelay`` of their exchange, and at once on ``flush()``.
public final class RequestJournal: ExchangeObserver, Sendable {
    public let capacity: Int
    var wantsRequestDetails: Bool { true }
    private let kept: Mutex<Ring>
    /// The file's descriptor: written only from the ``writer`` queue (and at the end), one batch
    /// at a time, so lines never mix.
    private let descriptor: Int32?
    /// The exchanges not yet written to the file, and whether a batch is due.
    private let pending = Mutex<(exchanges: [ExchangeRecord], scheduled: Bool)>(([], false))
    private let writer = DispatchQueue(label: "conform.journal-writer", qos: .utility)

    /// How long an exchange may wait to be written with others.
    static let writeDelay: DispatchTimeInterval = .milliseconds(20)

    /// The kept exchanges, oldest first, in a ring: keeping one more never moves the others. They
    /// are kept as records and shown as ``ObservedExchange`` only when read.
    private struct Ring {
        var slots: [ExchangeRecord] = []
        /// Where the oldest is once the ring is full; the next to be overwritten.
        var start = 0

        mutating func append(_ exchange: ExchangeRecord, capacity: Int) {
            if slots.count < capacity {
                slots.append(exchange)
            } else {
                slots[start] = exchange
                start = (start + 1) % capacity
            }
        }

        var inOrder: [ExchangeRecord] { Array(slots[start...]) + slots[..<start] }
    }

    /// How many exchanges may wait for the writer before the request that adds one writes them
    /// itself: under a load the writer cannot keep up with, memory stays bounded and nothing is
    /// dropped, at the cost of that request's time.
    let pendingLimit: Int

    /// - Parameter path: the JSON-lines file to append to, created when missing; nil for memory only.
    public init(capacity: Int = 10_000, path: String? = nil, pendingLimit: Int = 20_000) throws {
        self.capacity = max(1, capacity)
        self.pendingLimit = max(1, pendingLimit)
        kept = Mutex(Ring())
        guard let path else {
            descriptor = nil
            return
        }
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        self.descriptor = descriptor
    }

    deinit {
        writePending()
        if let descriptor { close(descriptor) }
    }

    func observe(_ exchange: ExchangeRecord) {
        kept.withLock { $0.append(exchange, capacity: capacity) }
        guard descriptor != nil else { return }
        let (schedules, full) = pending.withLock { pending in
            pending.exchanges.append(exchange)
            defer { pending.scheduled = true }
            return (!pending.scheduled, pending.exchanges.count >= pendingLimit)
        }
        if full {
            writer.sync { writePending() }
        } else if schedules {
            writer.asyncAfter(deadline: .now() + Self.writeDelay) { [self] in writePending() }
        }
    }

    /// Writes every exchange observed so far to the file before returning.
    public func flush() {
        guard descriptor != nil else { return }
        writer.sync { writePending() }
    }

    private func writePending() {
        let batch = pending.withLock { pending in
            pending.scheduled = false
            return pending.exchanges.drain()
        }
        guard !batch.isEmpty else { return }
        var lines: [UInt8] = []
        lines.reserveCapacity(batch.count * 1024)
        for exchange in batch { JournalLine.append(exchange, to: &lines) }
        guard let descriptor else { return }
        lines.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }

    /// The kept exchanges that `query` admits, oldest first, at most `query.limit`.
    public func entries(_ query: JournalQuery = JournalQuery()) -> [ObservedExchange] {
        let admitted = kept.withLock { $0.inOrder }.map(\.observed).filter(query.admits)
        guard let limit = query.limit, admitted.count > limit else { return admitted }
        return Array(admitted.suffix(limit))
    }

    /// Forgets every kept exchange (the file keeps them).
    public func reset() {
        kept.withLock { $0 = Ring() }
    }
}

extension Array {
    /// Hands the elements over and leaves the array empty, keeping its storage.
    fileprivate mutating func drain() -> [Element] {
        defer { removeAll(keepingCapacity: true) }
        return self
    }
}

/// Which journal entries a query wants: each member that is set must hold.
public struct JournalQuery: Sendable, Hashable {
    public var method: String?
    /// A path, or a prefix ending in `*`.
    public var path: String?
    public var model: String?
    public var status: Int?
    public var stub: String?
    /// Only entries after this id.
    public var after: Int?
    /// At most this many, the most recent.
    public var limit: Int?

    public init(
        method: String? = nil, path: String? = nil, model: String? = nil, status: Int? = nil, stub: String? = nil, after: Int? = nil,
        limit: Int? = nil
    ) {
        self.method = method
        self.path = path
        self.model = model
        self.status = status
        self.stub = stub
        self.after = after
        self.limit = limit
    }

    func admits(_ exchange: ObservedExchange) -> Bool {
        if let method, method.uppercased() != exchange.method { return false }
        if let path {
            if path.hasSuffix("*") {
                guard exchange.path.hasPrefix(path.dropLast()) else { return false }
            } else if path != exchange.path {
                return false
            }
        }
        if let model, model != exchange.model { return false }
        if let status, status != exchange.status { return false }
        if let stub, stub != exchange.stub { return false }
        if let after, exchange.id <= after { return false }
        return true
    }
}

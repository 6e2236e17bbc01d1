import Hummingbird
import NIOCore
import Synchronization

/// Remembers the answers of routes whose answer is a pure function of the request, so that a
/// repeated request (CI suites send the same ones again and again) is answered with the stored
/// bytes instead of being computed again. Switched off unless configured
/// (``MockConfiguration/responseMemoEntries``), and only used when every model is served by a
/// deterministic engine: an adapter to a real server may answer differently each time.
///
/// A request is identified by everything its answer depends on besides the configuration, which
/// is fixed for one gateway: the method, path, query and body bytes, compared in full (a hash
/// only finds the candidate). Only requests that passed the key check reach a memoizing route.
/// The memo holds at most `capacity` answers and ``byteLimit`` bytes of requests and answers;
/// when full, the oldest entry goes first.
final class ResponseMemo: Sendable {
    /// What identifies one request.
    struct Key: Hashable, Sendable {
        let bytes: [UInt8]
        private let digest: Int

        init(method: HTTPRequest.Method, path: String, query: String?, body: ByteBuffer) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(method.rawValue.utf8.count + path.utf8.count + (query?.utf8.count ?? 0) + body.readableBytes + 4)
            bytes += method.rawValue.utf8
            bytes.append(0)
            bytes += path.utf8
            // A request without a query and one with an empty query are told apart.
            if let query {
                bytes.append(UInt8(ascii: "?"))
                bytes += query.utf8
            }
            bytes.append(0)
            bytes += body.readableBytesView
            self.bytes = bytes
            var hasher = Hasher()
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
            digest = hasher.finalize()
        }

        static func == (lhs: Key, rhs: Key) -> Bool { lhs.digest == rhs.digest && lhs.bytes == rhs.bytes }
        func hash(into hasher: inout Hasher) { hasher.combine(digest) }
    }

    /// The answers held (each a JSON document sent with 200), the order they came in, and how
    /// many requests they served.
    private struct State {
        var answers: [Key: ByteBuffer] = [:]
        /// Keys in the order they were remembered; `oldest` is the first still held.
        var order: [Key] = []
        var oldest = 0
        var bytes = 0
        var hits = 0
    }

    let capacity: Int
    /// The most bytes of requests and answers held together.
    let byteLimit: Int
    private let state = Mutex(State())

    init(capacity: Int, byteLimit: Int = 64 << 20) {
        self.capacity = capacity
        self.byteLimit = byteLimit
    }

    /// How many requests were answered from the memo.
    var hits: Int { state.withLock { $0.hits } }

    /// How many answers are held.
    var count: Int { state.withLock { $0.answers.count } }

    func answer(for key: Key) -> ByteBuffer? {
        state.withLock { state in
            guard let answer = state.answers[key] else { return nil }
            state.hits += 1
            return answer
        }
    }

    func remember(_ answer: ByteBuffer, for key: Key) {
        let size = key.bytes.count + answer.readableBytes
        guard capacity > 0, size <= byteLimit else { return }
        state.withLock { state in
            guard state.answers.updateValue(answer, forKey: key) == nil else { return }
            state.order.append(key)
            state.bytes += size
            while state.answers.count > capacity || state.bytes > byteLimit {
                let evicted = state.order[state.oldest]
                state.oldest += 1
                if let dropped = state.answers.removeValue(forKey: evicted) {
                    state.bytes -= evicted.bytes.count + dropped.readableBytes
                }
            }
            // Drop the evicted keys' slots once they make up half the list.
            if state.oldest > state.order.count / 2 {
                state.order.removeFirst(state.oldest)
                state.oldest = 0
            }
        }
    }
}

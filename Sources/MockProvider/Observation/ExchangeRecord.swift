import ConformJSON
import Foundation
import HTTPTypes
import NIOCore

/// What the observation keeps of one exchange at the moment it ends: the request's head and body
/// as they arrived (shared, not copied) and the answer's figures, in one allocation. Cheap to make
/// on every request; the ``ObservedExchange`` a reader wants, with its masked headers, its
/// timestamp and its body as text, is made from it only when read (a journal query, a log line),
/// and the journal file's line is written from it directly (``JournalLine``).
final class ExchangeRecord: Sendable {
    let id: Int
    /// Seconds since 1970 when the request arrived; nil when no observer wanted the details.
    let arrived: Double?
    let head: HTTPRequest
    /// The request's body as the client sent it, when an observer wanted the details and a layer
    /// read it (one refused first, without a key or on an unknown path, has none).
    let body: KeptBody?
    /// The model the request named, as the routes noted it.
    let notedModel: String?
    let stream: Bool
    let status: Int
    let responseBytes: Int
    let duration: Duration
    let firstByte: Duration?
    let stub: String?
    let fault: String?

    init(
        id: Int, arrived: Double?, head: HTTPRequest, body: KeptBody?, model: String?, stream: Bool, status: Int, responseBytes: Int,
        duration: Duration, firstByte: Duration?, stub: String?, fault: String?
    ) {
        self.id = id
        self.arrived = arrived
        self.head = head
        self.body = body
        notedModel = model
        self.stream = stream
        self.status = status
        self.responseBytes = responseBytes
        self.duration = duration
        self.firstByte = firstByte
        self.stub = stub
        self.fault = fault
    }

    /// The request's target split at its `?`: the path, and the query when there is one.
    var target: (path: Substring, query: Substring?) {
        let target = head.path ?? "/"
        guard let mark = target.firstIndex(of: "?") else { return (target[...], nil) }
        return (target[..<mark], target[target.index(after: mark)...])
    }

    /// The path without its query.
    var path: Substring { target.path }

    /// The body's length: as received when kept, else as announced.
    var bodyBytes: Int { body?.count ?? head.headerFields[.contentLength].flatMap(Int.init) ?? 0 }

    /// The body parsed as JSON, when it was kept whole and is JSON.
    var bodyJSON: JSON? {
        guard let body, body.isWhole, body.count > 0 else { return nil }
        return try? JSONParser().parse(Array(body.preview.readableBytesView))
    }

    /// Whether the body was kept whole and is JSON, as ``bodyJSON`` would find it, without parsing
    /// it into a tree.
    var bodyIsJSON: Bool {
        guard let body, body.isWhole, body.count > 0 else { return false }
        if let parsed = body.isJSON { return parsed }
        return body.preview.withUnsafeReadableBytes { JSONParser().accepts($0) }
    }

    /// The model the request named: as the routes noted it, or, for a request that never reached
    /// one, read from its body (`json` when the caller has parsed it already).
    func model(json: JSON?) -> String? {
        if let notedModel { return notedModel }
        guard let body else { return nil }
        return RequestedModel.of(head, json: json, body: Array(body.preview.readableBytesView))
    }

    var durationMilliseconds: Double { Self.milliseconds(duration) }
    var firstByteMilliseconds: Double? { firstByte.map(Self.milliseconds) }

    /// The exchange as the journal's queries and the log show it.
    var observed: ObservedExchange {
        let json = bodyJSON
        let (path, query) = target
        var exchange = ObservedExchange(
            id: id, time: "", method: head.method.rawValue, path: String(path), query: query.map(String.init), headers: [:], body: nil,
            json: json, bodyBytes: bodyBytes, model: model(json: json), stream: stream, status: status, responseBytes: responseBytes,
            durationMilliseconds: durationMilliseconds, firstByteMilliseconds: firstByteMilliseconds, stub: stub, fault: fault)
        guard let arrived else { return exchange }
        exchange.time = ObservedExchange.timestamp(Date(timeIntervalSince1970: arrived))
        exchange.headers = Dictionary(uniqueKeysWithValues: ObservedExchange.maskedFields(head.headerFields))
        // A JSON body is shown once, as `json`; any other as text.
        if json == nil, let body, body.count > 0 { exchange.body = String(decoding: body.preview.readableBytesView, as: UTF8.self) }
        return exchange
    }

    /// Milliseconds to the microsecond, as the journal shows durations.
    static func milliseconds(_ duration: Duration) -> Double {
        Double(microseconds(duration)) / 1000
    }

    static func microseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(((Double(seconds) * 1000 + Double(attoseconds) / 1e15) * 1000).rounded())
    }

    /// A request's body as the journal keeps it: whole when small (the buffer shared with the
    /// route, or a copy of its bytes when that buffer is mostly other bytes), its first
    /// ``ObservedExchange/bodyPreviewLimit`` bytes copied out of a large one so that thousands of
    /// kept exchanges never hold thousands of uploads.
    struct KeptBody: Sendable {
        var preview: ByteBuffer
        /// The body's whole length.
        var count: Int
        /// Whether the body is JSON, when a layer parsed it whole; nil when none did.
        var isJSON: Bool?

        var isWhole: Bool { preview.readableBytes == count }

        init(_ body: ByteBuffer, isJSON: Bool? = nil) {
            count = body.readableBytes
            self.isJSON = isJSON
            if count > ObservedExchange.bodyPreviewLimit {
                preview = ByteBuffer(bytes: body.readableBytesView.prefix(ObservedExchange.bodyPreviewLimit))
            } else if body.storageCapacity > count + count / 4 + 64 {
                // A small body is mostly a slice of the buffer its connection read into: keeping
                // the slice would keep that whole buffer, and stop the connection reusing it.
                preview = ByteBuffer(bytes: body.readableBytesView)
            } else {
                preview = body
            }
        }
    }
}

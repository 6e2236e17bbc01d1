/// One event of a `text/event-stream`, as the WHATWG HTML standard dispatches it.
public struct ServerSentEvent: Sendable, Hashable {
    /// The `event` field, nil when the event had none (the standard then calls it `message`).
    public var event: String?
    /// The `data` lines joined with line feeds.
    public var data: String
    /// The last event id in effect when this event was dispatched.
    public var id: String?
    /// The reconnection time this event set, in milliseconds.
    public var retry: Int?

    public init(event: String? = nil, data: String, id: String? = nil, retry: Int? = nil) {
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry
    }

    /// The event type a browser would dispatch: the `event` field or `message`.
    public var type: String { event ?? "message" }
}

extension ServerSentEvent {
    /// The event as it goes on the wire: `event:` when named, one `data:` line per line of data,
    /// then the blank line that dispatches it. `id` and `retry` are written when set.
    public var encoded: [UInt8] {
        var text = ""
        if let event { text += "event: \(event)\n" }
        if let id { text += "id: \(id)\n" }
        if let retry { text += "retry: \(retry)\n" }
        var bytes = Array(text.utf8)
        var lineStart = data.utf8.startIndex
        let utf8 = data.utf8
        for index in utf8.indices where utf8[index] == 0x0A {
            bytes += Array("data: ".utf8) + utf8[lineStart..<index] + [0x0A]
            lineStart = utf8.index(after: index)
        }
        bytes += Array("data: ".utf8) + utf8[lineStart...] + [0x0A, 0x0A]
        return bytes
    }
}

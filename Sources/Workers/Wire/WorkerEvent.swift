public import ConformJSON
import HTTPWire

/// One server-sent event from an engine: an optional `event:` name and its data, kept parsed so a
/// gateway can translate it (chat chunks into Anthropic events) without parsing it again.
public struct WorkerEvent: Sendable, Hashable {
    /// What follows `data:`: a JSON document, or a bare text such as OpenAI's `[DONE]`.
    public enum Payload: Sendable, Hashable {
        case json(JSON)
        case text(String)
    }

    public var name: String?
    public var payload: Payload

    public init(name: String? = nil, payload: Payload) {
        self.name = name
        self.payload = payload
    }

    public static func json(_ json: JSON, name: String? = nil) -> WorkerEvent {
        WorkerEvent(name: name, payload: .json(json))
    }

    /// OpenAI's end-of-stream marker, `data: [DONE]`.
    public static let done = WorkerEvent(payload: .text("[DONE]"))

    public var json: JSON? {
        if case .json(let value) = payload { return value }
        return nil
    }

    /// The event as it goes on the wire: `event: NAME` when named, the data, a blank line.
    public var serverSentEventBytes: [UInt8] {
        let data: String
        switch payload {
        case .json(let value): data = value.serializedString()
        case .text(let text): data = text
        }
        return ServerSentEvent(event: name, data: data).encoded
    }
}

/// A stream of engine events; iteration throws only when the producer failed mid-stream.
public typealias WorkerEventStream = AsyncThrowingStream<WorkerEvent, any Error>

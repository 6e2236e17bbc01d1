import ConformJSON
import HTTPTypes
import Hummingbird
import NIOCore
import Workers

/// Turns gateway values into Hummingbird responses: JSON documents, raw bytes, and event streams
/// written event by event as they are produced, each through an ``EventStreamEditor``.
enum ResponseBuilder {
    static func json(_ json: JSON, status: HTTPResponse.Status = .ok) -> Response {
        Self.json(serialized: serialized(json), status: status)
    }

    /// A JSON document already serialized.
    static func json(serialized bytes: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: jsonHeaders, body: ResponseBody(byteBuffer: bytes))
    }

    static func serialized(_ json: JSON) -> ByteBuffer {
        ByteBuffer(bytes: json.serialized())
    }

    private static let jsonHeaders: HTTPFields = [.contentType: "application/json"]

    static func bytes(_ bytes: [UInt8], contentType: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = contentType
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A body relayed chunk by chunk as the engine delivers it. When the engine fails part way the
    /// write fails too and the connection closes: the client sees a cut body, as behind any proxy.
    static func byteStream(
        _ chunks: WorkerByteStream, contentType: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    ) -> Response {
        var fields = headers
        fields[.contentType] = contentType
        return Response(
            status: status, headers: fields,
            body: ResponseBody { writer in
                for try await chunk in chunks {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await writer.finish(nil)
            })
    }

    /// The whole body a route answered with, read without sending it.
    static func collect(_ body: ResponseBody) async throws -> [UInt8] {
        let collector = CollectingWriter()
        try await body.write(collector)
        return collector.bytes
    }

    /// An engine's successful answer as it came: JSON, bytes, or a stream of events (each through
    /// `editor`) or of bytes.
    static func relay(
        _ response: WorkerResponse, editor: some EventStreamEditor = PassThroughEditor(), framing: EventFraming = .whole
    ) -> Response {
        switch response.body {
        case .events(let stream): events(stream, editor: editor, framing: framing)
        case .json(let json): self.json(json)
        case .bytes(let bytes): self.bytes(bytes, contentType: response.contentType)
        case .byteStream(let chunks): byteStream(chunks, contentType: response.contentType)
        }
    }

    /// A `text/event-stream` response. Each event the editor yields is written (and flushed) on
    /// its own; when the client goes away the write fails and the engine's stream is dropped.
    static func events(
        _ stream: WorkerEventStream, editor: some EventStreamEditor, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:],
        framing: EventFraming = .whole
    ) -> Response {
        var headers = headers
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        return Response(
            status: status,
            headers: headers,
            body: ResponseBody { writer in
                var editor = editor
                do {
                    for try await event in stream {
                        for edited in editor.edit(event) {
                            try await writer.write(ByteBuffer(bytes: framing.bytes(edited)))
                        }
                    }
                } catch let error where !(error is CancellationError) {
                    for edited in editor.fail(error) {
                        try await writer.write(ByteBuffer(bytes: framing.bytes(edited)))
                    }
                }
                for edited in editor.finish() {
                    try await writer.write(ByteBuffer(bytes: framing.bytes(edited)))
                }
                try await writer.finish(nil)
            })
    }
}

/// Rewrites a stream of engine events on its way to the client, event by event: translation
/// (chat chunks into Anthropic events) and emulated quirks.
protocol EventStreamEditor: Sendable {
    /// The events to send for one engine event (none, the same, or several).
    mutating func edit(_ event: WorkerEvent) -> [WorkerEvent]
    /// The events to send after the engine's stream ended.
    mutating func finish() -> [WorkerEvent]
    /// The events to send when the engine's stream failed part way.
    mutating func fail(_ error: any Error) -> [WorkerEvent]
}

extension EventStreamEditor {
    mutating func finish() -> [WorkerEvent] { [] }

    /// OpenAI's in-stream error: `data: {"error": {...}}`, which the SDKs raise as an APIError.
    mutating func fail(_ error: any Error) -> [WorkerEvent] {
        [.json(["error": ["message": .string("The upstream stream failed: \(error)"), "type": "server_error", "param": .null, "code": .null]])]
    }
}

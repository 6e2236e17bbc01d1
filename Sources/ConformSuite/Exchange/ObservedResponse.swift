import ConformJSON
import HTTPWire

/// The answer to a case's request as the checks see it: status, headers, the whole body and,
/// for streams, the events in arrival order. Built by the runner from what the transport received.
public struct ObservedResponse: Sendable {
    public var status: Int
    public var headers: [HeaderLine]
    public var body: [UInt8]
    /// Present when the answer was read as an event stream.
    public var stream: ObservedStream?
    /// The body parsed strictly as JSON, when it is JSON and not an event stream.
    public let json: JSON?
    /// Why the body is not JSON, when it is not.
    public let jsonError: JSONParseError?

    public init(status: Int, headers: [HeaderLine], body: [UInt8], stream: ObservedStream? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.stream = stream
        // A streamed request may be answered with a plain JSON error instead of events.
        if stream?.events.isEmpty ?? true, !body.isEmpty {
            do {
                json = try JSONParser().parse(body)
                jsonError = nil
            } catch {
                json = nil
                jsonError = error
            }
        } else {
            json = nil
            jsonError = nil
        }
    }

    /// The `Content-Type` media type without parameters, lowercased, e.g. `application/json`.
    public var mediaType: String? {
        guard let value = headers.first(named: "content-type") else { return nil }
        let type = value.split(separator: ";", maxSplits: 1).first ?? ""
        return type.filter { $0 != " " && $0 != "\t" }.lowercased()
    }

    /// The body as text, invalid UTF-8 replaced.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// A short description of the body for failure messages: its start for text, its size and
    /// media type for binary data.
    public var bodyPreview: String {
        if body.isEmpty { return "an empty body" }
        if let json { return JSONDiff.preview(json, limit: 200) }
        if String(validating: body, as: UTF8.self) != nil {
            return text.count > 200 ? "'" + text.prefix(200) + "…'" : "'\(text)'"
        }
        return "\(body.count) bytes of \(mediaType ?? "data")"
    }
}

/// The events of a streamed answer and how the stream ended: the events in arrival order with
/// their arrival times, what the event-stream parser noticed that the standard lets pass (a
/// stream ending mid-line, invalid UTF-8, an event never dispatched), and the interruption.
public struct ObservedStream: Sendable, Hashable {
    public var events: [StreamEvent]
    /// What the parser noticed, in stream order.
    public var diagnostics: [EventStreamDiagnostic]
    /// Why the stream ended before the server closed it cleanly; nil for a clean end.
    public var interruption: StreamInterruption?
    /// When the response head arrived, measured like the events' arrival; nil when unknown.
    public var headArrival: Duration?

    public init(
        events: [StreamEvent], diagnostics: [EventStreamDiagnostic] = [], interruption: StreamInterruption? = nil,
        headArrival: Duration? = nil
    ) {
        self.events = events
        self.diagnostics = diagnostics
        self.interruption = interruption
        self.headArrival = headArrival
    }
}

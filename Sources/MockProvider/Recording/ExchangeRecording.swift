import ConformJSON
import Foundation
import HTTPWire

/// One exchange captured by ``RecordingProxy`` and written as a stub: the request's method, path,
/// query and body to match (the body exactly, JSON compared as JSON; a multipart form by its model
/// only, since its boundary changes with every client), and the answer to give: its status, its
/// headers without those of one hop, and its body exactly (as text, or base64 when it is not
/// UTF-8), or its events with the wait before each.
struct ExchangeRecording: Sendable {
    var method: String
    var target: String
    var contentType: String?
    var body: [UInt8]
    var status: Int
    var headers: [(String, String)]

    /// Response headers a recording leaves out: one hop's, the ones the replay sets itself, cookies.
    static let dropped: Set<String> = [
        "connection", "keep-alive", "transfer-encoding", "content-length", "date", "server", "set-cookie", "upgrade",
    ]

    /// The answer as it is being read.
    struct Capture {
        let recording: ExchangeRecording
        let isStream: Bool
        var bytes: [UInt8] = []
        var events: [StubEvent] = []
        var parser = EventStreamParser()
        var last = ContinuousClock.now

        mutating func add(_ chunk: [UInt8]) {
            guard isStream else {
                bytes += chunk
                return
            }
            for output in parser.feed(chunk[...]) {
                guard case .event(let event) = output else { continue }
                let now = ContinuousClock.now
                let (seconds, attoseconds) = last.duration(to: now).components
                last = now
                events.append(
                    StubEvent(event: event.event, data: event.data, delayMs: Int(seconds * 1000 + attoseconds / 1_000_000_000_000_000)))
            }
        }

        func finished() -> Stub {
            var answer = StubAnswer(status: recording.status)
            var headers: [String: String] = [:]
            for (name, value) in recording.headers where !ExchangeRecording.dropped.contains(name.lowercased()) {
                headers[name.lowercased()] = value
            }
            answer.headers = headers
            // Text is kept as text, JSON too: replayed byte for byte, not re-serialised.
            if isStream {
                answer.events = events
            } else if let text = String(validating: bytes, as: UTF8.self) {
                answer.body = text
            } else {
                answer.bodyBase64 = Data(bytes).base64EncodedString()
            }
            return Stub(id: "", match: recording.match, respond: [answer])
        }
    }

    func capture() -> Capture {
        let type = headers.first { $0.0.lowercased() == "content-type" }?.1.lowercased() ?? ""
        return Capture(recording: self, isStream: type.hasPrefix("text/event-stream"))
    }

    var match: StubMatch {
        let mark = target.firstIndex(of: "?")
        var match = StubMatch(
            method: method, path: mark.map { String(target[..<$0]) } ?? target, query: mark.map { String(target[target.index(after: $0)...]) })
        if (contentType ?? "").lowercased().hasPrefix("multipart/form-data") {
            match.model = (try? MultipartFormParser().parse(body, contentType: contentType ?? ""))?.text("model")
        } else if let json = try? JSONParser().parse(body) {
            match.bodyExact = json
        } else if !body.isEmpty {
            match.bodyExact = .string(String(decoding: body, as: UTF8.self))
        }
        return match
    }
}

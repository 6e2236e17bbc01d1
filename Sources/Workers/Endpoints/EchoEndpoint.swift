import ConformJSON
import HTTPTypes
import HTTPWire

/// The echo upstream: answers any method and path with a ``ProxyEchoReport`` of what it received
/// (method, path, query string, headers, body), so a gateway's forwarding can be checked from
/// the outside. Three paths under ``modePrefix`` ask for other answers, so that what a gateway
/// does with an upstream's answer can be checked too:
///
/// - `/conform-echo/raw`: the request body back, byte for byte, with the request's `Content-Type`;
/// - `/conform-echo/status/NNN`: the report with status NNN (200 to 599);
/// - `/conform-echo/stream?events=N&interval_ms=M`: N server-sent events `{"index": i, "of": N}`
///   (default 12, at most 1,000), M milliseconds apart (default 25, at most 1,000), then
///   `data: [DONE]`.
///
/// Every answer carries ``modeHeader`` naming its mode, for checking that upstream headers reach
/// the client.
enum EchoEndpoint {
    static let modePrefix = "/conform-echo/"
    static let modeHeader = HTTPField.Name("X-Conform-Echo")!

    static func respond(to request: WorkerRequest) -> WorkerResponse {
        let path = request.path
        guard path.hasPrefix(modePrefix) else { return report(request, status: .ok) }
        let mode = path.dropFirst(modePrefix.count).split(separator: "/", omittingEmptySubsequences: false)
        switch (mode.first.map(String.init), mode.count) {
        case ("raw", 1):
            return raw(request)
        case ("status", 2):
            guard let code = Int(mode[1]), (200...599).contains(code) else {
                return EngineError.response(.badRequest, message: "The echo answers statuses 200 to 599, not '\(mode[1])'.")
            }
            return report(request, status: HTTPResponse.Status(code: code))
        case ("stream", 1):
            return stream(request)
        default:
            return report(request, status: .ok)
        }
    }

    static func report(_ request: WorkerRequest, status: HTTPResponse.Status) -> WorkerResponse {
        let body: String
        var json: JSON?
        switch request.body {
        case .empty:
            body = ""
        case .json(let value):
            body = value.serializedString()
            json = value
        case .bytes(let bytes, _):
            body = String(decoding: bytes, as: UTF8.self)
            json = try? JSONParser().parse(bytes)
        case .multipart(let form):
            body = form.parts.map { "\($0.name)=\($0.text ?? "<\($0.data.count) bytes>")" }.joined(separator: "&")
        }
        let report = ProxyEchoReport(
            method: request.method.rawValue, path: request.path, query: request.query,
            receivedHeaders: request.headers.map { (name: $0.name.canonicalName, value: $0.value) }, body: body, json: json)
        do {
            return WorkerResponse(status: status, headers: [modeHeader: "report"], body: .json(try JSONValueEncoder().encode(report)))
        } catch {
            return EngineError.response(.internalServerError, message: "The echo could not be written: \(error)")
        }
    }

    static func raw(_ request: WorkerRequest) -> WorkerResponse {
        var headers: HTTPFields = [modeHeader: "raw"]
        switch request.body {
        case .empty:
            return WorkerResponse(headers: headers, body: .bytes([]))
        case .json(let value):
            headers[.contentType] = "application/json"
            return WorkerResponse(headers: headers, body: .bytes(value.serialized()))
        case .bytes(let bytes, let contentType):
            headers[.contentType] = contentType ?? "application/octet-stream"
            return WorkerResponse(headers: headers, body: .bytes(bytes))
        case .multipart(let form):
            headers[.contentType] = MultipartForm.contentType()
            return WorkerResponse(headers: headers, body: .bytes(form.encoded()))
        }
    }

    static func stream(_ request: WorkerRequest) -> WorkerResponse {
        var count = 12
        var interval = 25
        for pair in (request.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Int(parts[1]) else { continue }
            if parts[0] == "events" { count = min(max(value, 1), 1_000) }
            if parts[0] == "interval_ms" { interval = min(max(value, 0), 1_000) }
        }
        var events = (0..<count).map { index in
            PlannedEvent(.json(["index": .integer(Int64(index)), "of": .integer(Int64(count))]), carriesToken: true)
        }
        events.append(PlannedEvent(.done))
        let pace = StreamingPace(timeToFirstToken: .zero, interToken: .milliseconds(interval))
        return WorkerResponse(headers: [modeHeader: "stream"], body: .events(PacedEventStream.make(events, pace: pace, seed: 0)))
    }
}

import ConformJSON
import Foundation
import HTTPTypes
import HTTPWire
import Hummingbird
import NIOCore
import ServerScope
import Workers

/// Answers requests the way a script says, before any route sees them: a fault from the
/// `X-Conform-Fault` header, else the first matching stub, else a fault the configuration draws by
/// its seed. A rendered answer (`text`, `toolCalls`) goes on to the route with the script attached
/// (``ScriptedReply/current``), so the engine renders it in the endpoint's shape; an answer given
/// whole is written here; `passThrough` and unscripted requests go on as usual, unless the mock
/// replays recordings only, when an unmatched request gets 404. Requests still need their key.
struct ScriptingMiddleware: RouterMiddleware {
    typealias Context = ConnectionContext

    let services: GatewayServices
    let stubs: StubSet
    let faults: ConfiguredFaults
    /// When true (replaying recordings), a request no stub answers gets 404.
    let stubsOnly: Bool
    /// Whether an answer's recorded event delays are kept (false: full speed).
    let keepsEventDelays: Bool

    /// Paths scripts never touch: the mock's own.
    static func isExempt(_ path: String) -> Bool {
        path.hasPrefix(AdminAPI.prefix) || ["/health", "/healthz", "/metrics", "/openapi.json"].contains(path)
            || path.hasPrefix("/v1/images/content/")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard !Self.isExempt(path) else { return try await next(request, context) }
        let headerFault = try request.headers[HTTPField.Name(Fault.headerName)!].map { value throws(GatewayError) in
            try Fault.parse(header: value)
        }
        if headerFault == nil && stubs.isEmpty && faults.isEmpty && !stubsOnly { return try await next(request, context) }

        let body = try await services.reader.buffer(request)
        let bytes = Array(body.readableBytesView)
        let request = Request(head: request.head, body: RequestBody(buffer: body))
        let stubRequest = Self.stubRequest(request.head, bytes)
        var answer: StubAnswer?
        if let headerFault {
            answer = StubAnswer(fault: headerFault)
            ExchangeNotes.current?.fault = headerFault.summary
        } else if let (id, found) = stubs.answer(for: stubRequest) {
            answer = found
            ExchangeNotes.current?.stub = id
            if let fault = found.fault { ExchangeNotes.current?.fault = fault.summary }
        } else if let fault = faults.draw(for: stubRequest) {
            answer = StubAnswer(fault: fault)
            ExchangeNotes.current?.fault = fault.summary
        } else if stubsOnly {
            throw GatewayError(
                .notFound, .routeNotFound, "No recording matches \(request.method.rawValue) \(path)\(request.uri.query.map { "?" + $0 } ?? "").")
        }
        guard let answer, answer.passThrough != true else { return try await next(request, context) }
        ExchangeNotes.current?.model = stubRequest.model
        try services.auth.verify(request.headers)

        if let fault = answer.fault {
            if let delay = fault.delayMs { try await Task.sleep(for: .milliseconds(delay)) }
            if fault.reset == true {
                try? await context.channel?.close()
                throw CancellationError()
            }
            if let status = fault.status {
                throw GatewayError(
                    HTTPResponse.Status(code: status), .injected, fault.message ?? "Injected fault: \(HTTPResponse.Status(code: status).reasonPhrase).",
                    retryAfterSeconds: fault.retryAfter)
            }
        }
        if answer.isWhole { return try whole(answer) }
        var script = answer.script
        if let delay = answer.fault?.firstTokenDelayMs {
            script = script ?? ScriptedReply()
            script?.timeToFirstTokenMs = delay
        }
        var response = try await ScriptedReply.$current.withValue(script) { try await next(request, context) }
        if let fault = answer.fault, fault.cutAfterEvents != nil || fault.malformedEventAfter != nil {
            let original = response.body
            response.body = ResponseBody { writer in
                try await original.write(writer.breakingStream(after: fault))
            }
            response.headers[.contentLength] = nil
        }
        return response
    }

    /// An answer given whole: its status, headers and body, or its events with their delays.
    func whole(_ answer: StubAnswer) throws -> Response {
        let status = HTTPResponse.Status(code: answer.status ?? 200)
        var headers = HTTPFields()
        for (name, value) in answer.headers ?? [:] {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        headers[.contentLength] = nil
        headers[.transferEncoding] = nil
        if let events = answer.events {
            if headers[.contentType] == nil { headers[.contentType] = "text/event-stream" }
            let keepsDelays = keepsEventDelays
            return Response(
                status: status, headers: headers,
                body: ResponseBody { writer in
                    for event in events {
                        if keepsDelays, let delay = event.delayMs, delay > 0 { try await Task.sleep(for: .milliseconds(delay)) }
                        let bytes = ServerSentEvent(event: event.event, data: event.data).encoded
                        try await writer.write(ByteBuffer(bytes: bytes))
                    }
                    try await writer.finish(nil)
                })
        }
        var bytes: [UInt8] = []
        if let json = answer.json {
            bytes = json.serialized()
            if headers[.contentType] == nil { headers[.contentType] = "application/json" }
        } else if let text = answer.body {
            bytes = Array(text.utf8)
        } else if let encoded = answer.bodyBase64 {
            guard let data = Data(base64Encoded: encoded) else {
                throw GatewayError(.internalServerError, .internalFailure, "A stub's bodyBase64 is not base64.")
            }
            bytes = Array(data)
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func stubRequest(_ head: HTTPRequest, _ bytes: [UInt8]) -> StubRequest {
        var headers = JSONObject()
        for field in head.headerFields {
            let name = field.name.canonicalName
            headers[name] = .string(headers[name]?.stringValue.map { "\($0), \(field.value)" } ?? field.value)
        }
        let json = try? JSONParser().parse(bytes)
        let model = RequestedModel.of(head, json: json, body: bytes)
        let target = head.path ?? "/"
        let mark = target.firstIndex(of: "?")
        return StubRequest(
            method: head.method.rawValue, path: mark.map { String(target[..<$0]) } ?? target,
            query: mark.map { String(target[target.index(after: $0)...]) }, headers: headers, body: bytes, json: json, model: model)
    }
}

extension ScriptedReply {
    /// The script of the request being handled, for ``GatewayServices`` to hand to the engine.
    @TaskLocal static var current: ScriptedReply?
}

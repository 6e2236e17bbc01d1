import ConformJSON
import HTTPTypes
import HTTPWire
import Hummingbird
import NIOCore
import ServerScope
import Workers

/// The `--deviate` switches as a layer around the routes: ``DeviatingResponses`` outside the error
/// envelope (so error answers are rewritten too), ``DeviatingRequests`` inside it (so a body that
/// cannot be read gets the envelope). The routes themselves know nothing of deviations.
struct DeviationLayer: Sendable {
    let rewrites: [DeviationRewrite]
    /// The largest request body the layer reads, the gateway's own limit.
    let bodyLimit: Int
    let timeouts: InboundTimeouts

    init(_ configuration: MockConfiguration) {
        var rewrites = Deviation.allCases.filter(configuration.deviations.contains).map {
            $0.rewrite(models: configuration.models, acceptedKey: configuration.acceptedKeys[0])
        }
        // --any-model is no deviation, but the same kind of request rewrite.
        if configuration.anyModel {
            let models = configuration.models
            rewrites.append(DeviationRewrite(request: { request in AnyModelSubstitution.substitute(in: &request, models: models) }))
        }
        self.rewrites = rewrites
        bodyLimit = configuration.bodyLimit
        timeouts = configuration.inboundTimeouts
    }

    var rewritesRequests: Bool { rewrites.contains { $0.request != nil } }

    /// `worker` behind the upstream rewrites, when there are any.
    func wrap(_ worker: any InferenceWorker) -> any InferenceWorker {
        let hooks = rewrites.compactMap(\.upstream)
        return hooks.isEmpty ? worker : DeviatingWorker(worker: worker, hooks: hooks)
    }
    var rewritesResponses: Bool {
        rewrites.contains {
            $0.headers != nil || $0.json != nil || $0.status != nil || $0.event != nil || $0.bytes != nil || $0.buffersStreams
        }
    }
}

/// Applies the request rewrites: the path's query and the headers always, the body when it is a
/// JSON object or a form and a rewrite changed it.
struct DeviatingRequests<Context: RequestContext>: RouterMiddleware {
    let layer: DeviationLayer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let body = try await layer.timeouts.collectBody(request, upTo: layer.bodyLimit)
        ExchangeNotes.current?.noteBody(body)
        let bytes = Array(body.readableBytesView)
        let contentType = request.headers[.contentType] ?? ""
        var rewritten = RewrittenRequest(path: request.uri.path, query: request.uri.query, headers: request.headers)
        if contentType.lowercased().hasPrefix("multipart/form-data") {
            rewritten.form = try? MultipartFormParser().parse(bytes, contentType: contentType)
        } else if let json = try? JSONParser().parse(bytes), json.objectValue != nil {
            rewritten.json = json
        }
        let original = rewritten
        for rewrite in layer.rewrites { rewrite.request?(&rewritten) }

        var head = request.head
        head.headerFields = rewritten.headers
        head.path = rewritten.path + (rewritten.query.map { "?" + $0 } ?? "")
        var newBody = body
        if rewritten.json != original.json, let json = rewritten.json {
            newBody = ByteBuffer(bytes: json.serialized())
        } else if rewritten.form != original.form, let form = rewritten.form {
            let boundary = (try? MultipartFormParser.boundary(fromContentType: contentType)) ?? MultipartForm.defaultBoundary
            newBody = ByteBuffer(bytes: form.encoded(boundary: boundary))
        }
        if newBody != body { head.headerFields[.contentLength] = String(newBody.readableBytes) }
        return try await next(Request(head: head, body: RequestBody(buffer: newBody)), context)
    }
}

/// Applies the response rewrites: headers, then a JSON body whole, a stream event by event as it
/// is written, or binary bytes whole.
struct DeviatingResponses<Context: RequestContext>: RouterMiddleware {
    let layer: DeviationLayer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        var requestJSON: JSON?
        if layer.rewrites.contains(where: \.readsRequestJSON) {
            let body = try await layer.timeouts.collectBody(request, upTo: layer.bodyLimit)
            ExchangeNotes.current?.noteBody(body)
            request = Request(head: request.head, body: RequestBody(buffer: body))
            requestJSON = try? JSONParser().parse(Array(body.readableBytesView))
        }
        var response = try await next(request, context)
        var replaced = true
        let facts = ResponseFacts(path: request.uri.path, status: response.status, requestJSON: requestJSON)
        let mediaType = (response.headers[.contentType] ?? "").split(separator: ";").first.map { $0.lowercased() } ?? ""
        let original = response.body
        if mediaType == "text/event-stream" {
            let hooks = layer.rewrites.compactMap(\.event)
            if layer.rewrites.contains(where: \.buffersStreams) {
                // A buffering proxy: the head goes out at once, the body when the stream has ended.
                response.body = ResponseBody { writer in
                    let collector = CollectingWriter()
                    try await original.write(collector.rewritingEvents(hooks, facts: facts))
                    try await writer.write(ByteBuffer(bytes: collector.bytes))
                    try await writer.finish(nil)
                }
            } else if hooks.isEmpty {
                replaced = false
            } else {
                response.body = ResponseBody { writer in
                    try await original.write(writer.rewritingEvents(hooks, facts: facts))
                }
            }
        } else if mediaType == "application/json" || mediaType.hasSuffix("+json") {
            let hooks = layer.rewrites.compactMap(\.json)
            let statusHooks = layer.rewrites.compactMap(\.status)
            replaced = !hooks.isEmpty || !statusHooks.isEmpty
            if replaced {
                let bytes = try await ResponseBuilder.collect(original)
                if var json = try? JSONParser().parse(bytes) {
                    for hook in statusHooks { hook(&response.status, json, facts) }
                    for hook in hooks { hook(&json, facts) }
                    response.body = ResponseBody(byteBuffer: ByteBuffer(bytes: json.serialized()))
                } else {
                    response.body = ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
                }
            }
        } else {
            let hooks = layer.rewrites.compactMap(\.bytes)
            replaced = !hooks.isEmpty
            if replaced {
                var bytes = try await ResponseBuilder.collect(original)
                for hook in hooks { hook(&bytes, facts) }
                response.body = ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
            }
        }
        for rewrite in layer.rewrites { rewrite.headers?(&response.headers, facts) }
        // A rewritten body has its own length; the route's no longer holds.
        if replaced { response.headers[.contentLength] = nil }
        return response
    }

}

extension ResponseBodyWriter {
    /// This writer behind one that rewrites each event written through it.
    consuming func rewritingEvents(
        _ hooks: [@Sendable (inout WorkerEvent, Int, ResponseFacts) -> Bool], facts: ResponseFacts
    ) -> some ResponseBodyWriter {
        EventRewritingWriter(parent: self, hooks: hooks, facts: facts)
    }
}

/// A writer that parses the event stream written to it and passes each event on rewritten, the
/// moment it is complete, so a deviating stream still arrives event by event.
struct EventRewritingWriter<Parent: ResponseBodyWriter>: ResponseBodyWriter {
    var parent: Parent
    let hooks: [@Sendable (inout WorkerEvent, Int, ResponseFacts) -> Bool]
    let facts: ResponseFacts
    private var parser = EventStreamParser()
    private var index = 0

    init(parent: Parent, hooks: [@Sendable (inout WorkerEvent, Int, ResponseFacts) -> Bool], facts: ResponseFacts) {
        self.parent = parent
        self.hooks = hooks
        self.facts = facts
    }

    mutating func write(_ buffer: ByteBuffer) async throws {
        var out: [UInt8] = []
        for output in parser.feed(buffer.readableBytesView) {
            guard case .event(let received) = output else { continue }
            let payload: WorkerEvent.Payload = (try? JSONParser().parse(Array(received.data.utf8))).map { .json($0) } ?? .text(received.data)
            var event = WorkerEvent(name: received.event, payload: payload)
            let position = index
            index += 1
            if hooks.allSatisfy({ $0(&event, position, facts) }) { out += event.serverSentEventBytes }
        }
        if !out.isEmpty { try await parent.write(ByteBuffer(bytes: out)) }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await parent.finish(trailingHeaders)
    }
}

import ConformJSON
import HTTPTypes
import HTTPWire
import Hummingbird
import NIOCore
import ServerScope
import Workers

/// Hands every engine request to the engine of the model it names: ``EngineModelHeader`` first,
/// then the JSON or multipart body's `model`, then the only engine when there is one. The engine
/// sees the request as a gateway would hand it over in process: the transport's own headers, the
/// token it was checked with and the routing header removed, the body as received.
struct EngineDispatch: Sendable {
    let engines: [String: any InferenceWorker]
    let onlyEngine: (any InferenceWorker)?
    let bodyLimit: Int
    let timeouts: InboundTimeouts

    init(engines: [ServedEngine], bodyLimit: Int, timeouts: InboundTimeouts) {
        self.engines = Dictionary(engines.map { ($0.name, $0.worker) }, uniquingKeysWith: { first, _ in first })
        onlyEngine = engines.count == 1 ? engines[0].worker : nil
        self.bodyLimit = bodyLimit
        self.timeouts = timeouts
    }

    /// Headers that belong to the connection or to this server, not to the engine.
    static let transportHeaders: Set<String> = [
        "host", "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "te", "trailer", "authorization",
        EngineModelHeader.name.lowercased(),
    ]

    func respond(to request: Request) async throws -> Response {
        let body: [UInt8]
        do {
            body = Array(try await timeouts.collectBody(request, upTo: bodyLimit).readableBytesView)
        } catch is NIOTooManyBytesError {
            return EngineResponseWriter.render(
                EngineError.response(.contentTooLarge, message: "The request body exceeds \(bodyLimit) bytes."))
        } catch let timedOut as InboundTimeouts.BodyReadTimedOut {
            return EngineResponseWriter.render(EngineError.response(.requestTimeout, message: "\(timedOut)."))
        }
        let contentType = request.headers[.contentType]
        let named = request.headers[HTTPField.Name(EngineModelHeader.name)!] ?? Self.bodyModel(body, contentType: contentType)
        let engine: any InferenceWorker
        if let named {
            guard let found = engines[named] else { return EngineResponseWriter.render(EngineError.modelNotFound(named)) }
            engine = found
        } else if let onlyEngine {
            engine = onlyEngine
        } else {
            return EngineResponseWriter.render(
                EngineError.response(
                    .badRequest,
                    message: "The request names no model: give 'model' in the body or the \(EngineModelHeader.name) header.",
                    param: "model"))
        }
        var headers = HTTPFields()
        for field in request.headers where !Self.transportHeaders.contains(field.name.canonicalName) {
            headers.append(field)
        }
        let engineRequest = WorkerRequest(
            method: request.method, path: request.uri.path, query: request.uri.query, headers: headers,
            body: body.isEmpty ? .empty : .bytes(body, contentType: contentType))
        do {
            return EngineResponseWriter.render(try await engine.respond(to: engineRequest))
        } catch let unavailable as WorkerUnavailable {
            var response = EngineResponseWriter.render(EngineError.response(.serviceUnavailable, message: unavailable.reason))
            if let seconds = unavailable.retryAfterSeconds { response.headers[.retryAfter] = String(seconds) }
            return response
        }
    }

    /// The `model` of a JSON object body or of a multipart form.
    static func bodyModel(_ body: [UInt8], contentType: String?) -> String? {
        guard !body.isEmpty else { return nil }
        if let contentType, contentType.lowercased().hasPrefix("multipart/form-data") {
            return (try? MultipartFormParser().parse(body, contentType: contentType))?.text("model")
        }
        return (try? JSONParser().parse(body))?["model"]?.stringValue
    }
}

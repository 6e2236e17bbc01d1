import ConformJSON
import HTTPTypes
import Hummingbird
import ServerScope
import Workers

/// The generic proxy, `ANY /model/proxy/...`, in both forms: path-based
/// (`/model/proxy/<route_id>/<upstream-path>`) and the deprecated header-based form
/// (`/model/proxy/<upstream-path>` with `X-GPUStack-Model`, or the JSON body's `model`). The
/// request reaches the model's upstream with the client's `Authorization`, `X-API-Key` and
/// cookies stripped, and its method, path remainder, query string and body kept; the answer
/// streams back. Unknown route ids, models without the proxy, and requests naming no model get 404.
struct GenericProxyRoute: Sendable {
    let services: GatewayServices

    static let prefix = "/model/proxy"
    /// Headers that never travel upstream: hop-by-hop ones, the client's credentials, the routing header.
    static let strippedHeaders: Set<String> = [
        "authorization", "x-api-key", "cookie", "host", "content-length", "transfer-encoding", "connection",
        "keep-alive", "upgrade", "te", "trailer", "x-gpustack-model",
    ]

    func handle(_ request: Request, _ context: ConnectionContext) async throws -> Response {
        if !services.emulatesGPUStack { try services.auth.verify(request.headers) }
        let remainder = String(request.uri.path.dropFirst(Self.prefix.count))
        if let segment = Self.dotSegment(in: remainder) {
            throw GatewayError(
                .badRequest, .invalidRequest, "The generic proxy path may not contain the dot segment '\(segment)': it would leave the upstream path.")
        }
        let segments = remainder.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true)
        let body = try await services.reader.bytes(request)
        let deployment: ModelDeployment
        let upstreamPath: String
        if let first = segments.first, first.allSatisfy(\.isNumber), let routeID = Int(first) {
            guard let found = services.registry.deployment(routeID: routeID), found.configuration.genericProxy else {
                throw GatewayError(.notFound, .routeNotFound, "No model route with id \(routeID) has the generic proxy enabled.")
            }
            deployment = found
            upstreamPath = "/" + (segments.count > 1 ? String(segments[1]) : "")
        } else {
            let named = request.headers[HTTPField.Name("X-GPUStack-Model")!] ?? Self.bodyModel(body, contentType: request.headers[.contentType])
            guard let named, !named.isEmpty else {
                throw GatewayError(.notFound, .routeNotFound, "The generic proxy needs a model: use /model/proxy/<route_id>/..., the X-GPUStack-Model header or the JSON body's 'model'.")
            }
            guard let found = services.registry.deployment(named: named), found.configuration.genericProxy else {
                throw GatewayError(.notFound, .routeNotFound, "No model named '\(named)' has the generic proxy enabled.")
            }
            deployment = found
            upstreamPath = remainder.isEmpty ? "/" : remainder
        }
        if services.emulatesGPUStack { try services.auth.verify(request.headers) }
        if let allowed = deployment.configuration.upstreamPaths, !allowed.contains(upstreamPath) {
            throw GatewayError(.notFound, .routeNotFound, "The upstream of '\(deployment.name)' serves no \(upstreamPath) through the generic proxy.")
        }

        var headers = HTTPFields()
        for field in request.headers where !Self.strippedHeaders.contains(field.name.canonicalName) {
            headers.append(field)
        }
        headers[GatewayServices.forwardedHostField] = request.head.authority
        headers[GatewayServices.forwardedProtoField] = "http"
        let query = request.uri.query
        let upstreamRequest = WorkerRequest(
            method: request.method, path: upstreamPath, query: query, headers: headers,
            body: body.isEmpty ? .empty : .bytes(body, contentType: request.headers[.contentType]), rawResponse: true)
        let response = try await services.call(deployment, upstreamRequest)
        var responseHeaders = response.headers
        responseHeaders[.contentType] = response.contentType
        switch response.body {
        case .json(let json):
            return ResponseBuilder.bytes(json.serialized(), contentType: response.contentType, status: response.status, headers: responseHeaders)
        case .bytes(let bytes):
            return ResponseBuilder.bytes(bytes, contentType: response.contentType, status: response.status, headers: responseHeaders)
        case .events(let stream):
            return ResponseBuilder.events(stream, editor: PassThroughEditor(), status: response.status, headers: response.headers)
        case .byteStream(let chunks):
            return ResponseBuilder.byteStream(chunks, contentType: response.contentType, status: response.status, headers: responseHeaders)
        }
    }

    /// The first segment of `path` that is `.` or `..`, written plainly or percent-encoded (`%2e`),
    /// which an upstream would resolve outside the path the client was given.
    static func dotSegment(in path: String) -> String? {
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            let decoded = segment.lowercased().replacing("%2e", with: ".")
            if decoded == "." || decoded == ".." { return String(segment) }
        }
        return nil
    }

    /// The JSON body's `model`, for the header-based form without the header.
    static func bodyModel(_ body: [UInt8], contentType: String?) -> String? {
        guard contentType?.lowercased().hasPrefix("application/json") ?? true, !body.isEmpty else { return nil }
        return (try? JSONParser().parse(body))?["model"]?.stringValue
    }
}

/// Relays an upstream stream unchanged.
struct PassThroughEditor: EventStreamEditor {
    mutating func edit(_ event: WorkerEvent) -> [WorkerEvent] { [event] }
}

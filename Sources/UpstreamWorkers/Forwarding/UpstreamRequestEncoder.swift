import AsyncHTTPClient
import ConformJSON
import HTTPTypes
import HTTPWire
import NIOCore
import NIOHTTP1
import Workers

/// Turns a ``WorkerRequest`` into the HTTP request an engine receives: the engine path and query
/// under the engine's root, the model renamed to the served name (JSON and multipart bodies; bytes
/// the generic proxy relays stay as they are), the engine's own token as Bearer, the model header,
/// and none of the client's credentials or hop-by-hop headers.
struct UpstreamRequestEncoder {
    let target: UpstreamTarget
    /// The gateway's name for the model, sent in ``EngineModelHeader`` when no served name is set.
    let modelName: String

    /// Headers that never reach an engine: the client's credentials (the gateway answers for them),
    /// hop-by-hop ones, and those the body or the connection decides.
    static let withheldHeaders: Set<String> = [
        "authorization", "x-api-key", "cookie", "proxy-authorization", "host", "content-length",
        "transfer-encoding", "connection", "keep-alive", "proxy-connection", "upgrade", "te", "trailer", "expect",
        EngineModelHeader.name.lowercased(),
    ]

    var servedName: String { target.servedModelName ?? modelName }

    func encode(_ request: WorkerRequest) -> HTTPClientRequest {
        var upstream = HTTPClientRequest(url: target.url.url(path: request.path, query: request.query))
        upstream.method = HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headers where !Self.withheldHeaders.contains(field.name.canonicalName) {
            upstream.headers.add(name: field.name.rawName, value: field.value)
        }
        if let token = target.token {
            upstream.headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        upstream.headers.add(name: EngineModelHeader.name, value: servedName)
        switch request.body {
        case .empty:
            break
        case .json(let json):
            upstream.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
            upstream.body = .bytes(ByteBuffer(bytes: renamingModel(json).serialized()))
        case .multipart(let form):
            let form = renamingModel(form)
            let boundary = Self.boundary(for: form)
            upstream.headers.replaceOrAdd(name: "Content-Type", value: MultipartForm.contentType(boundary: boundary))
            upstream.body = .bytes(ByteBuffer(bytes: form.encoded(boundary: boundary)))
        case .bytes(let bytes, let contentType):
            // Relayed bytes keep the client's Content-Type where it stood among the headers.
            if let contentType, !upstream.headers.contains(name: "Content-Type") {
                upstream.headers.add(name: "Content-Type", value: contentType)
            }
            upstream.body = .bytes(ByteBuffer(bytes: bytes))
        }
        return upstream
    }

    func renamingModel(_ json: JSON) -> JSON {
        guard let served = target.servedModelName, json["model"]?.stringValue != nil else { return json }
        var json = json
        json["model"] = .string(served)
        return json
    }

    func renamingModel(_ form: MultipartForm) -> MultipartForm {
        guard let served = target.servedModelName else { return form }
        var form = form
        for index in form.parts.indices where form.parts[index].name == "model" && form.parts[index].filename == nil {
            form.parts[index].data = Array(served.utf8)
        }
        return form
    }

    /// A boundary that occurs in none of the form's parts.
    static func boundary(for form: MultipartForm) -> String {
        var boundary = "conform-upstream-boundary-0"
        var attempt = 0
        while form.parts.contains(where: { contains($0.data, Array("--\(boundary)".utf8)) }) {
            attempt += 1
            boundary = "conform-upstream-boundary-\(attempt)"
        }
        return boundary
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }
}

import ConformJSON
import HTTPTypes
import HTTPWire

/// The echo upstream: answers any method and path with a ``ProxyEchoReport`` of what it received
/// (method, path, query string, headers, body), so a gateway's forwarding can be checked from
/// the outside.
enum EchoEndpoint {
    static func respond(to request: WorkerRequest) -> WorkerResponse {
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
            return .json(try JSONValueEncoder().encode(report))
        } catch {
            return EngineError.response(.internalServerError, message: "The echo could not be written: \(error)")
        }
    }
}

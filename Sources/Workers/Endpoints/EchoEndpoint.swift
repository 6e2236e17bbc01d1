import ConformJSON
import HTTPTypes
import HTTPWire

/// The echo upstream: answers any method and path with a JSON description of what it received
/// (method, path, query string, headers, body), so a gateway's forwarding can be checked from
/// the outside.
enum EchoEndpoint {
    static func respond(to request: WorkerRequest) -> WorkerResponse {
        var headers = JSONObject()
        for field in request.headers {
            let name = field.name.canonicalName
            if let existing = headers[name]?.stringValue {
                headers[name] = .string(existing + ", " + field.value)
            } else {
                headers[name] = .string(field.value)
            }
        }
        var body: JSONObject = [
            "method": .string(request.method.rawValue), "path": .string(request.path),
            "query": request.query.map(JSON.string) ?? .null, "headers": .object(headers),
        ]
        switch request.body {
        case .empty:
            body["body"] = ""
        case .json(let json):
            body["body"] = .string(json.serializedString())
            body["json"] = json
        case .bytes(let bytes, _):
            body["body"] = .string(String(decoding: bytes, as: UTF8.self))
            if let json = try? JSONParser().parse(bytes) { body["json"] = json }
        case .multipart(let form):
            body["body"] = .string(form.parts.map { "\($0.name)=\($0.text ?? "<\($0.data.count) bytes>")" }.joined(separator: "&"))
        }
        return .json(.object(body))
    }
}

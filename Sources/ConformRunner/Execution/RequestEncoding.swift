import ConformHTTP
import ConformSuite
import HTTPWire

/// Turns a prepared request into what the transport sends.
enum RequestEncoding {
    static func outgoing(_ request: PreparedRequest, target: TargetConfiguration) -> OutgoingRequest {
        let headers = HeaderFields(request.headers.map { ($0.name, $0.value) })
        return OutgoingRequest(
            method: request.method, url: target.url(for: request.path), headers: headers, body: body(request.body))
    }

    static func body(_ body: PreparedBody?) -> OutgoingBody? {
        switch body {
        case .json(let json):
            return .json(json)
        case .text(let text):
            return .bytes(Array(text.utf8), contentType: nil)
        case .multipart(let fields, let files):
            let parts =
                fields.map { MultipartForm.Part.text($0.name, $0.value) }
                + files.map {
                    MultipartForm.Part.file($0.name, filename: $0.filename, contentType: $0.contentType, data: $0.data)
                }
            return .multipart(MultipartForm(parts: parts))
        case nil:
            return nil
        }
    }
}

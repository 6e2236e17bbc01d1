import ConformHTTP
import ConformSuite
import HTTPWire

/// Turns a prepared request into what the transport sends.
enum RequestEncoding {
    /// - Parameter assetRoot: how the fixtures directory is written in reproductions, so a file
    ///   part can name the asset it was read from.
    static func outgoing(_ request: PreparedRequest, target: TargetConfiguration, assetRoot: String) -> OutgoingRequest {
        let headers = HeaderFields(request.headers.map { ($0.name, $0.value) })
        return OutgoingRequest(
            method: request.method, url: target.url(for: request.path), headers: headers,
            body: body(request.body, assetRoot: assetRoot))
    }

    static func body(_ body: PreparedBody?, assetRoot: String) -> OutgoingBody? {
        switch body {
        case .json(let json):
            return .json(json)
        case .text(let text):
            return .bytes(Array(text.utf8), contentType: nil)
        case .multipart(let fields, let files):
            let parts =
                fields.map { MultipartForm.Part.text($0.name, $0.value) }
                + files.map {
                    MultipartForm.Part.file(
                        $0.name, filename: $0.filename, contentType: $0.contentType, data: $0.data, origin: "\(assetRoot)/\($0.path)")
                }
            return .multipart(MultipartForm(parts: parts))
        case nil:
            return nil
        }
    }
}

import ConformJSON
import HTTPTypes
import HTTPWire

/// The model a request names, read the way GPUStack routes it: the JSON body's `model`, the
/// multipart form's `model` field, or the deprecated `X-GPUStack-Model` header.
enum RequestedModel {
    static func of(_ head: HTTPRequest, json: JSON?, body: [UInt8]) -> String? {
        if let model = json?["model"]?.stringValue ?? head.headerFields[HTTPField.Name("X-GPUStack-Model")!] { return model }
        let contentType = head.headerFields[.contentType] ?? ""
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        return (try? MultipartFormParser().parse(body, contentType: contentType))?.text("model")
    }
}

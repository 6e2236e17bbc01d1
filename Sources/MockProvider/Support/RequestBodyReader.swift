import ConformJSON
import Hummingbird
import NIOCore

/// Reads request bodies within the configured limit and parses JSON bodies strictly, turning every
/// failure into the 400 or 413 the client should see.
struct RequestBodyReader: Sendable {
    let limit: Int

    /// The whole body; 413 when it is larger than the limit (announced or actual).
    func bytes(_ request: Request) async throws(GatewayError) -> [UInt8] {
        if let announced = request.headers[.contentLength].flatMap(Int.init), announced > limit {
            throw .bodyTooLarge(limit: limit)
        }
        do {
            var request = request
            let buffer = try await request.collectBody(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw .bodyTooLarge(limit: limit)
        } catch {
            throw GatewayError(.badRequest, .invalidRequest, "The request body could not be read: \(error)")
        }
    }

    /// The body as a JSON object.
    func jsonObject(_ request: Request) async throws(GatewayError) -> JSONObject {
        try Self.jsonObject(await bytes(request))
    }

    static func jsonObject(_ bytes: [UInt8]) throws(GatewayError) -> JSONObject {
        let json: JSON
        do {
            json = try JSONParser().parse(bytes)
        } catch {
            throw .invalidJSON(error.description)
        }
        guard case .object(let object) = json else {
            throw .invalidJSON("the body is \(json.typeName == "array" ? "an array" : "a \(json.typeName)"), not an object")
        }
        return object
    }
}

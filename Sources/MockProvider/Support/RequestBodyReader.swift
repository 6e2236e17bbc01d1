import ConformJSON
import Hummingbird
import NIOCore
import ServerScope

/// Reads request bodies within the configured limit and time and parses JSON bodies strictly,
/// turning every failure into the 400, 408 or 413 the client should see.
struct RequestBodyReader: Sendable {
    let limit: Int
    let timeouts: InboundTimeouts

    /// The whole body as an array; 413 when it is larger than the limit.
    func bytes(_ request: Request) async throws(GatewayError) -> [UInt8] {
        Array(try await buffer(request).readableBytesView)
    }

    /// The body as a JSON object.
    func jsonObject(_ request: Request) async throws(GatewayError) -> JSONObject {
        try jsonObject(in: await buffer(request))
    }

    /// A received body as a JSON object, parsed where it was received, without copying it first.
    func jsonObject(in body: ByteBuffer) throws(GatewayError) -> JSONObject {
        let parsed = body.withUnsafeReadableBytes { bytes in
            Result { () throws(JSONParseError) in try JSONParser().parse(buffer: bytes) }
        }
        ExchangeNotes.current?.noteParsed(body, isJSON: (try? parsed.get()) != nil)
        let json: JSON
        switch parsed {
        case .success(let value): json = value
        case .failure(let error): throw .invalidJSON(error.description)
        }
        guard case .object(let object) = json else {
            throw .invalidJSON("the body is \(json.typeName == "array" ? "an array" : "a \(json.typeName)"), not an object")
        }
        return object
    }

    /// The whole body as received; 413 when it is larger than the limit (announced or actual).
    func buffer(_ request: Request) async throws(GatewayError) -> ByteBuffer {
        if let announced = request.headers[.contentLength].flatMap(Int.init), announced > limit {
            throw .bodyTooLarge(limit: limit)
        }
        do {
            let body = try await timeouts.collectBody(request, upTo: limit)
            ExchangeNotes.current?.noteBody(body)
            return body
        } catch is NIOTooManyBytesError {
            throw .bodyTooLarge(limit: limit)
        } catch let timedOut as InboundTimeouts.BodyReadTimedOut {
            throw GatewayError(.requestTimeout, .invalidRequest, "The request body did not arrive in time: \(timedOut).")
        } catch {
            throw GatewayError(.badRequest, .invalidRequest, "The request body could not be read: \(error)")
        }
    }
}

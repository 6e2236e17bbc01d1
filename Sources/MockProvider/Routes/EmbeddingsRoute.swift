import ConformContract
import ConformJSON
import Foundation
import Hummingbird
import Workers

/// `POST /v1/embeddings`: forwarded to the model's engine. The answer depends only on the body,
/// so repeated requests can come from the response memo.
struct EmbeddingsRoute: Sendable {
    let services: GatewayServices

    func handle(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let received = try await services.reader.buffer(request)
        return try await services.memoized(request, body: received) { try await answer(received, request) }
    }

    func answer(_ received: ByteBuffer, _ request: Request) async throws -> ByteBuffer {
        let body = try services.reader.jsonObject(in: received)
        let (response, _) = try await services.forward(body, kind: .embeddings, path: EnginePath.embeddings, request: request)
        guard case .json(var json) = response.body else {
            throw GatewayError(.badGateway, .upstreamUnavailable, "The upstream answered embeddings with something other than JSON.")
        }
        if services.deviates(.embeddingsDropOne), var data = json["data"]?.arrayValue, !data.isEmpty {
            data.removeLast()
            json["data"] = .array(data)
        }
        if services.deviates(.embeddingsBase64Float64), let data = json["data"]?.arrayValue {
            json["data"] = .array(data.map(Self.widenedToFloat64))
        }
        if services.deviates(.usageWrongTotal) { json = UsageEditing.wrongTotal(json) }
        return ResponseBuilder.serialized(json)
    }

    /// The `embeddings-base64-float64` deviation: base64 holding 8-byte doubles.
    static func widenedToFloat64(_ item: JSON) -> JSON {
        guard let text = item["embedding"]?.stringValue, let data = Data(base64Encoded: text) else { return item }
        var wide: [UInt8] = []
        let bytes = [UInt8](data)
        for offset in stride(from: 0, to: bytes.count - 3, by: 4) {
            let bits = UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
            let double = Double(Float(bitPattern: bits))
            withUnsafeBytes(of: double.bitPattern.littleEndian) { wide.append(contentsOf: $0) }
        }
        var item = item
        item["embedding"] = .string(Data(wide).base64EncodedString())
        return item
    }
}

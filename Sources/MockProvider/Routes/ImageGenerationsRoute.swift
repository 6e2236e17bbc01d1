import ConformContract
import ConformJSON
import Foundation
import Hummingbird
import Workers

/// `POST /v1/images/generations`: forwarded to the model's engine; `url` answers point back at
/// this gateway's `/v1/images/content/...`.
struct ImageGenerationsRoute: Sendable {
    let services: GatewayServices

    func handle(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let body = try await services.reader.jsonObject(request)
        let (response, _) = try await services.forward(body, kind: .images, path: EnginePath.imageGenerations, request: request)
        return try ImageResponses.relay(response, services: services)
    }
}

/// What image routes share: relaying the engine's `ImagesResponse`, corrupting PNGs under the
/// `image-corrupt-png` deviation.
enum ImageResponses {
    static func relay(_ response: WorkerResponse, services: GatewayServices) throws(GatewayError) -> Response {
        guard case .json(var json) = response.body else {
            throw GatewayError(.badGateway, .upstreamUnavailable, "The upstream answered with something other than JSON.")
        }
        if services.deviates(.imageCorruptPNG), let data = json["data"]?.arrayValue {
            json["data"] = .array(
                data.map { item in
                    guard let text = item["b64_json"]?.stringValue, let png = Data(base64Encoded: text) else { return item }
                    var item = item
                    item["b64_json"] = .string(Data(corrupted([UInt8](png))).base64EncodedString())
                    return item
                })
        }
        return ResponseBuilder.json(json)
    }

    /// The PNG with the last byte of its IHDR CRC flipped.
    static func corrupted(_ png: [UInt8]) -> [UInt8] {
        var png = png
        if png.count > 32 { png[32] ^= 0xFF }
        return png
    }
}

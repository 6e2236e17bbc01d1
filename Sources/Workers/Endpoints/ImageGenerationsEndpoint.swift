import ConformJSON
import Foundation
import HTTPTypes
import HTTPWire

/// `POST /v1/images/generations`: `n` deterministic PNG pictures as `b64_json`, or as a `url`
/// that names everything needed to paint the same picture again (model, seed, size), served by
/// `GET /v1/images/content/...` without any stored state.
struct ImageGenerationsEndpoint {
    let worker: DeterministicWorker

    static let defaultSize = "1024x1024"

    func respond(to body: JSON, headers: HTTPFields) throws(InvalidRequest) -> WorkerResponse {
        let fields = try RequestFields(body)
        _ = try worker.checkModel(fields)
        let prompt = try fields.requiredString("prompt")
        guard !prompt.isEmpty else { throw .invalidValue("prompt", "the prompt must not be empty.") }
        let options = try ImageOptions(fields: fields, fallbackSize: Self.defaultSize, limits: worker.settings.limits)
        let derivation = worker.derivation("images.generations", fields, ignoring: ["response_format"])
        return render(options, derivation: derivation, headers: headers)
    }

    /// Builds the `ImagesResponse` for `options`, one seed per picture.
    func render(_ options: ImageOptions, derivation: Derivation, headers: HTTPFields) -> WorkerResponse {
        var data: [JSON] = []
        for index in 0..<options.count {
            let seed = derivation.random(UInt64(index)).seedValue
            if options.responseFormat == "url" {
                let token = "\(String(seed, radix: 16).leftPadded(to: 16))-\(options.width)x\(options.height)"
                let name = worker.profile.name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? worker.profile.name
                data.append(["url": .string("\(Self.baseURL(headers))\(EnginePath.imageContentPrefix)/\(name)/\(token).png")])
            } else {
                let png = ImageRenderer.png(seed: seed, width: options.width, height: options.height)
                data.append(["b64_json": .string(Data(png).base64EncodedString())])
            }
        }
        return .json([
            "created": .integer(worker.settings.clock.now), "data": .array(data),
            "output_format": "png", "size": .string("\(options.width)x\(options.height)"),
        ])
    }

    /// `GET /v1/images/content/<model>/<seed>-<width>x<height>.png`: the picture a url names.
    func content(path: String) -> WorkerResponse {
        let pieces = path.dropFirst(EnginePath.imageContentPrefix.count + 1).split(separator: "/")
        guard pieces.count == 2, pieces[1].hasSuffix(".png") else {
            return EngineError.response(.notFound, message: "Not Found: \(path)")
        }
        let model = PercentEncoding.decode(String(pieces[0])) ?? String(pieces[0])
        let token = pieces[1].dropLast(4).split(separator: "-")
        guard model == worker.profile.name, token.count == 2, token[0].count == 16, let seed = UInt64(token[0], radix: 16),
            let size = ImageRenderer.size(String(token[1]))
        else {
            return EngineError.response(.notFound, message: "Not Found: \(path)")
        }
        let png = ImageRenderer.png(seed: seed, width: size.width, height: size.height)
        return WorkerResponse(headers: [.contentType: "image/png", .cacheControl: "public, max-age=31536000, immutable"], body: .bytes(png))
    }

    /// Where the caller reached us, from `X-Forwarded-Proto`/`X-Forwarded-Host` or `Host`.
    static func baseURL(_ headers: HTTPFields) -> String {
        let scheme = headers[HTTPField.Name("X-Forwarded-Proto")!] ?? "http"
        let host = headers[HTTPField.Name("X-Forwarded-Host")!] ?? headers[HTTPField.Name("Host")!] ?? "localhost"
        return "\(scheme)://\(host)"
    }
}

/// The options images and image edits share: how many, how big, and in which form.
struct ImageOptions {
    var count: Int
    var width: Int
    var height: Int
    var responseFormat: String

    init(fields: RequestFields, fallbackSize: String, limits: RequestLimits) throws(InvalidRequest) {
        count = Int(try fields.integer("n", in: 1...10) ?? 1)
        let size = try fields.string("size") ?? "auto"
        guard let dimensions = ImageRenderer.size(size == "auto" ? fallbackSize : size) else {
            throw .invalidValue("size", "'\(size)' is not a size like '1024x1024' (each side 1 to \(ImageRenderer.maximumSide)) or 'auto'.")
        }
        (width, height) = dimensions
        guard count * width * height <= limits.imagePixels else {
            throw .invalidValue(
                "n", "\(count) images of \(width)x\(height) are \(count * width * height) pixels, more than this server's limit of \(limits.imagePixels) per request.")
        }
        responseFormat = try fields.choice("response_format", among: ["url", "b64_json"]) ?? "b64_json"
        if let format = try fields.string("output_format"), format != "png" {
            throw .invalidValue("output_format", "'\(format)' cannot be produced; this model writes 'png' only.")
        }
        _ = try fields.choice("quality", among: ["standard", "hd", "low", "medium", "high", "auto"])
        _ = try fields.choice("style", among: ["vivid", "natural"])
    }
}

extension SeededRandom {
    /// A fresh 64-bit seed drawn from this generator.
    var seedValue: UInt64 {
        var copy = self
        return copy.next()
    }
}

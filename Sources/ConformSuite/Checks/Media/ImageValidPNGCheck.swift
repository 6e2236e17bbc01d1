import ConformContract
import ConformJSON
import Foundation

/// `image.valid-png`: every returned image is a structurally valid PNG of the requested size.
public struct ImageValidPNGCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "image.valid-png", level: .must,
        summary: "Each data[].b64_json decodes to a valid PNG (signature, chunk CRCs, IHDR) of the requested size.",
        source:
            "OpenAI API, Create image: \"b64_json: The base64-encoded JSON of the generated image\"; output_format defaults to png."
    )

    public init() {}

    public func misuse(in fixture: Fixture) -> String? {
        switch fixture.request.body {
        case .json(let body) where body["response_format"] == .string("b64_json"): return nil
        case .multipart(let fields, _) where fields.contains(FormField(name: "response_format", value: "b64_json")): return nil
        default: return "needs a request with response_format b64_json (URLs are not fetched)"
        }
    }

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        guard let images = response.json?["data"]?.arrayValue, !images.isEmpty else {
            return .fail("the body has no data array with images: \(response.bodyPreview)")
        }
        let requestedSize = Self.requestedSize(context.request)
        for (position, image) in images.enumerated() {
            guard let encoded = image["b64_json"]?.stringValue else {
                return .fail("data/\(position) has no b64_json: \(JSONDiff.preview(image))")
            }
            guard let bytes = Data(base64Encoded: encoded) else {
                return .fail("data/\(position)/b64_json is not valid base64")
            }
            let png: PNGInspection
            do {
                png = try PNGInspection(Array(bytes))
            } catch {
                return .fail("data/\(position)/b64_json is not a valid PNG: \(error)")
            }
            if let requestedSize, requestedSize != (png.width, png.height) {
                return .fail(
                    "data/\(position) is \(png.width)x\(png.height), but size \(requestedSize.0)x\(requestedSize.1) was requested",
                    expected: .string("\(requestedSize.0)x\(requestedSize.1)"), actual: .string("\(png.width)x\(png.height)"))
            }
        }
        return .pass
    }

    /// The `size` the request asked for as width and height, nil for `auto` or none.
    static func requestedSize(_ request: PreparedRequest) -> (UInt32, UInt32)? {
        let text: String?
        switch request.body {
        case .json(let body): text = body["size"]?.stringValue
        case .multipart(let fields, _): text = fields.first { $0.name == "size" }?.value
        default: text = nil
        }
        let parts = text?.split(separator: "x").compactMap { UInt32($0) } ?? []
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }
}

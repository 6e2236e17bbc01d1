import ConformContract
import ConformJSON
import Foundation

/// `embeddings.base64-float32`: with `encoding_format: base64`, each embedding is base64 of
/// little-endian float32 values, all vectors of one length.
public struct EmbeddingsBase64Float32Check: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "embeddings.base64-float32", level: .must,
        summary: "Base64 embeddings decode to little-endian float32 vectors of one length.",
        source:
            "OpenAI API, Create embeddings: encoding_format \"base64\"; the official SDKs decode the string as little-endian float32."
    )

    public init() {}

    /// Float32 components beyond this magnitude are taken as a sign of the wrong encoding:
    /// real embedding components are small, bytes of float64 read as float32 are not.
    static let plausibleMagnitude: Float = 1e6

    public func misuse(in fixture: Fixture) -> String? {
        guard case .json(let body) = fixture.request.body, body["encoding_format"] == .string("base64") else {
            return "needs a JSON request with \"encoding_format\": \"base64\""
        }
        return nil
    }

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        guard let data = response.json?["data"]?.arrayValue, !data.isEmpty else {
            return .fail("the body has no data array with embeddings: \(response.bodyPreview)")
        }
        var length: Int?
        for (position, item) in data.enumerated() {
            guard let encoded = item["embedding"] else { return .fail("data/\(position) has no embedding") }
            guard let text = encoded.stringValue else {
                return .fail(
                    "data/\(position)/embedding is \(encoded.typeName), not a base64 string",
                    actual: .string(JSONDiff.preview(encoded)))
            }
            guard let bytes = Data(base64Encoded: text) else {
                return .fail("data/\(position)/embedding is not valid base64: '\(text.prefix(40))…'")
            }
            guard !bytes.isEmpty, bytes.count % 4 == 0 else {
                return .fail("data/\(position)/embedding decodes to \(bytes.count) bytes, not a whole number of float32 values")
            }
            let values = Self.littleEndianFloat32(Array(bytes))
            if let offending = values.firstIndex(where: { !$0.isFinite || abs($0) > Self.plausibleMagnitude }) {
                let reading =
                    Self.looksLikeFloat64(Array(bytes))
                    ? "; the bytes read as float64 give plausible values, so they hold float64" : ""
                return .fail(
                    "data/\(position)/embedding component \(offending) decodes to \(values[offending]) as float32\(reading)",
                    actual: .string("\(values[offending])"))
            }
            if Self.hasFloat64Pattern(values, Array(bytes)) {
                return .fail(
                    "data/\(position)/embedding holds float64: read as float32, every second component is the sign and exponent of a double (\(values[1]), \(values[3]), ...); read as float64 the \(values.count / 2) values are plausible"
                )
            }
            if let length, length != values.count {
                return .fail("data/\(position)/embedding has \(values.count) dimensions, data/0 has \(length)")
            }
            length = values.count
        }
        return .pass
    }

    static func littleEndianFloat32(_ bytes: [UInt8]) -> [Float] {
        stride(from: 0, to: bytes.count - 3, by: 4).map { offset in
            let bits =
                UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(
                    bytes[offset + 3]) << 24
            return Float(bitPattern: bits)
        }
    }

    /// Whether float32 `values` are really doubles: the high word of a double below 1 in
    /// magnitude reads as a float32 of magnitude in [0.5, 2), which a genuine embedding does not
    /// have at every odd position. Short vectors are not judged.
    static func hasFloat64Pattern(_ values: [Float], _ bytes: [UInt8]) -> Bool {
        guard values.count >= 8, looksLikeFloat64(bytes) else { return false }
        return stride(from: 1, to: values.count, by: 2).allSatisfy { abs(values[$0]) >= 0.5 && abs(values[$0]) < 2 }
    }

    static func looksLikeFloat64(_ bytes: [UInt8]) -> Bool {
        guard bytes.count % 8 == 0 else { return false }
        return stride(from: 0, to: bytes.count - 7, by: 8).allSatisfy { offset in
            let bits = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
            let value = Double(bitPattern: bits)
            return value.isFinite && abs(value) <= Double(plausibleMagnitude)
        }
    }
}

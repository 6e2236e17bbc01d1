/// Recognizes uploaded images by their signature (PNG, JPEG, GIF, WebP) and reads a PNG's size,
/// so an image edit can refuse uploads that are not pictures.
public struct ImageProbe: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable {
        case png, jpeg, gif, webp
    }

    public var format: Format
    /// Known for PNG (from IHDR); nil for the other formats.
    public var width: Int?
    public var height: Int?

    public init?(_ bytes: [UInt8]) {
        if bytes.starts(with: PNGEncoder.signature) {
            guard bytes.count >= 33, bytes[12..<16].elementsEqual("IHDR".utf8) else { return nil }
            format = .png
            width = Int(Self.bigEndian(bytes, at: 16))
            height = Int(Self.bigEndian(bytes, at: 20))
            guard width! > 0, height! > 0 else { return nil }
        } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            format = .jpeg
        } else if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) {
            format = .gif
        } else if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), bytes[8..<12].elementsEqual("WEBP".utf8) {
            format = .webp
        } else {
            return nil
        }
    }

    static func bigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
}

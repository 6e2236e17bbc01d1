/// Structural validation of a PNG file (ISO/IEC 15948): the signature, every chunk's length and
/// CRC, an IHDR first with legal values, at least one IDAT, and IEND last. Pixel data is not
/// decompressed.
public struct PNGInspection: Sendable, Hashable {
    public var width: UInt32
    public var height: UInt32

    /// Why bytes are not a valid PNG.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// Bit depths PNG allows for each colour type.
    static let allowedDepths: [UInt8: Set<UInt8>] = [
        0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16],
    ]

    public init(_ bytes: [UInt8]) throws(Problem) {
        guard bytes.starts(with: Self.signature) else {
            throw Problem(description: "does not start with the PNG signature (starts with \(HexText.bytes(bytes.prefix(8))))")
        }
        var offset = Self.signature.count
        var chunkIndex = 0
        var header: (width: UInt32, height: UInt32)?
        var sawData = false
        while offset < bytes.count {
            guard offset + 12 <= bytes.count else {
                throw Problem(description: "chunk \(chunkIndex) at byte \(offset) is truncated")
            }
            let length = Int(Self.bigEndian(bytes, offset))
            let typeBytes = bytes[offset + 4..<offset + 8]
            let type = String(decoding: typeBytes, as: UTF8.self)
            guard typeBytes.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) else {
                throw Problem(
                    description: "chunk \(chunkIndex) at byte \(offset) has an invalid type \(HexText.bytes(typeBytes))")
            }
            let end = offset + 8 + length
            guard length <= 0x7FFF_FFFF, end + 4 <= bytes.count else {
                throw Problem(description: "chunk \(chunkIndex) (\(type)) claims \(length) bytes but the file ends before them")
            }
            let stored = Self.bigEndian(bytes, end)
            let computed = CRC32.checksum(bytes[offset + 4..<end])
            guard stored == computed else {
                throw Problem(
                    description:
                        "chunk \(chunkIndex) (\(type)) has CRC \(HexText.word(stored)), computed \(HexText.word(computed))")
            }
            if chunkIndex == 0 {
                guard type == "IHDR", length == 13 else {
                    throw Problem(description: "the first chunk is \(type) of \(length) bytes, not a 13-byte IHDR")
                }
                header = try Self.readHeader(Array(bytes[offset + 8..<end]))
            } else if type == "IHDR" {
                throw Problem(description: "chunk \(chunkIndex) is a second IHDR")
            }
            if type == "IDAT" { sawData = true }
            if type == "IEND" {
                guard end + 4 == bytes.count else {
                    throw Problem(description: "\(bytes.count - end - 4) bytes follow the IEND chunk")
                }
                guard sawData else { throw Problem(description: "there is no IDAT chunk before IEND") }
                width = header!.width
                height = header!.height
                return
            }
            offset = end + 4
            chunkIndex += 1
        }
        throw Problem(description: "the file ends without an IEND chunk")
    }

    private static func readHeader(_ data: [UInt8]) throws(Problem) -> (width: UInt32, height: UInt32) {
        let width = bigEndian(data, 0)
        let height = bigEndian(data, 4)
        guard width > 0, height > 0, width <= 0x7FFF_FFFF, height <= 0x7FFF_FFFF else {
            throw Problem(description: "IHDR gives an impossible size \(width)x\(height)")
        }
        let depth = data[8]
        let colourType = data[9]
        guard let depths = allowedDepths[colourType] else {
            throw Problem(description: "IHDR gives colour type \(colourType), which PNG does not define")
        }
        guard depths.contains(depth) else {
            throw Problem(description: "IHDR gives bit depth \(depth), not allowed with colour type \(colourType)")
        }
        guard data[10] == 0, data[11] == 0, data[12] <= 1 else {
            throw Problem(
                description:
                    "IHDR gives compression \(data[10]), filter \(data[11]), interlace \(data[12]); PNG defines 0, 0, 0 or 1")
        }
        return (width, height)
    }

    static func bigEndian(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }
}

/// A zlib stream (RFC 1950) holding one DEFLATE block (RFC 1951) with the fixed Huffman codes and
/// run-length matches (distance 1). Written here rather than taken from zlib so the bytes are the
/// same on every machine whatever zlib version is installed; it compresses well exactly the kind
/// of data the image renderer produces (filtered scanlines that are mostly runs).
public enum RunLengthDeflate {
    public static func zlibCompress(_ data: [UInt8]) -> [UInt8] {
        var writer = BitWriter()
        writer.write(bits: 1, count: 1)  // BFINAL
        writer.write(bits: 1, count: 2)  // BTYPE = 01, fixed Huffman codes
        var index = 0
        while index < data.count {
            var run = 0
            if index > 0 {
                let previous = data[index - 1]
                while run < 258, index + run < data.count, data[index + run] == previous { run += 1 }
            }
            if run >= 3 {
                writeLength(run, to: &writer)
                writer.write(bits: 0, count: 5)  // distance code 0: distance 1
                index += run
            } else {
                writeLiteral(Int(data[index]), to: &writer)
                index += 1
            }
        }
        writeLiteral(256, to: &writer)  // end of block
        let adler = Checksums.adler32(data)
        return [0x78, 0x01] + writer.finish() + [
            UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF),
        ]
    }

    private static let lengthBases = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
    ]
    private static let lengthExtraBits = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]

    private static func writeLength(_ length: Int, to writer: inout BitWriter) {
        let slot = lengthBases.lastIndex { $0 <= length }!
        writeLiteral(257 + slot, to: &writer)
        writer.write(bits: UInt32(length - lengthBases[slot]), count: lengthExtraBits[slot])
    }

    /// Writes a literal/length symbol with its fixed Huffman code, most significant bit first.
    private static func writeLiteral(_ symbol: Int, to writer: inout BitWriter) {
        let (code, length): (Int, Int) =
            switch symbol {
            case 0...143: (0x30 + symbol, 8)
            case 144...255: (0x190 + symbol - 144, 9)
            case 256...279: (symbol - 256, 7)
            default: (0xC0 + symbol - 280, 8)
            }
        for shift in stride(from: length - 1, through: 0, by: -1) {
            writer.write(bits: UInt32(code >> shift & 1), count: 1)
        }
    }
}

/// Packs bit fields least significant bit first, as DEFLATE orders them.
struct BitWriter {
    private var bytes: [UInt8] = []
    private var accumulator: UInt32 = 0
    private var filled = 0

    mutating func write(bits: UInt32, count: Int) {
        guard count > 0 else { return }
        accumulator |= bits << UInt32(filled)
        filled += count
        while filled >= 8 {
            bytes.append(UInt8(accumulator & 0xFF))
            accumulator >>= 8
            filled -= 8
        }
    }

    mutating func finish() -> [UInt8] {
        if filled > 0 { bytes.append(UInt8(accumulator & 0xFF)) }
        accumulator = 0
        filled = 0
        return bytes
    }
}

/// Writes 16-bit little-endian PCM, bare or in a RIFF/WAVE container (canonical 44-byte header).
public enum WAVEncoder {
    public static func pcm(_ samples: [Int16]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(samples.count * 2)
        for sample in samples {
            let bits = UInt16(bitPattern: sample)
            bytes.append(UInt8(bits & 0xFF))
            bytes.append(UInt8(bits >> 8))
        }
        return bytes
    }

    public static func wav(_ samples: [Int16], sampleRate: Int, channels: Int = 1) -> [UInt8] {
        let data = pcm(samples)
        let byteRate = sampleRate * channels * 2
        var header: [UInt8] = []
        header += Array("RIFF".utf8) + littleEndian(UInt32(36 + data.count), 4) + Array("WAVE".utf8)
        header += Array("fmt ".utf8) + littleEndian(16, 4) + littleEndian(1, 2) + littleEndian(UInt32(channels), 2)
        header += littleEndian(UInt32(sampleRate), 4) + littleEndian(UInt32(byteRate), 4)
        header += littleEndian(UInt32(channels * 2), 2) + littleEndian(16, 2)
        header += Array("data".utf8) + littleEndian(UInt32(data.count), 4)
        return header + data
    }

    static func littleEndian(_ value: UInt32, _ width: Int) -> [UInt8] {
        (0..<width).map { UInt8(value >> (8 * UInt32($0)) & 0xFF) }
    }
}

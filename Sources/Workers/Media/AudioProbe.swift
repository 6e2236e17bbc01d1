/// Recognizes uploaded audio by its container signature and tells its duration: exactly for WAV
/// (from the header), estimated for compressed formats (at 128 kbit/s) whose frames it does not
/// decode.
public struct AudioProbe: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable {
        case wav, mp3, ogg, flac, webm, mp4
    }

    public var format: Format
    public var duration: Double

    /// Why an upload is not usable audio.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    public init(_ bytes: [UInt8]) throws(Failure) {
        if bytes.starts(with: Array("RIFF".utf8)) {
            guard bytes.count >= 12, bytes[8..<12].elementsEqual("WAVE".utf8) else {
                throw Failure(reason: "the file starts like RIFF but is not a WAVE file")
            }
            format = .wav
            duration = try Self.wavDuration(bytes)
            return
        }
        let estimated = Double(bytes.count) / 16_000
        if bytes.starts(with: Array("ID3".utf8)) || (bytes.count > 1 && bytes[0] == 0xFF && bytes[1] & 0xE0 == 0xE0) {
            format = .mp3
        } else if bytes.starts(with: Array("OggS".utf8)) {
            format = .ogg
        } else if bytes.starts(with: Array("fLaC".utf8)) {
            format = .flac
        } else if bytes.starts(with: [0x1A, 0x45, 0xDF, 0xA3]) {
            format = .webm
        } else if bytes.count >= 12, bytes[4..<8].elementsEqual("ftyp".utf8) {
            format = .mp4
        } else {
            throw Failure(reason: "the file is not audio in a supported format (flac, m4a, mp3, mp4, mpeg, mpga, oga, ogg, wav, webm)")
        }
        duration = estimated
    }

    /// Walks the RIFF chunks for `fmt ` and `data`: duration = data bytes / byte rate.
    static func wavDuration(_ bytes: [UInt8]) throws(Failure) -> Double {
        var offset = 12
        var byteRate: UInt32?
        while offset + 8 <= bytes.count {
            let id = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size = Int(littleEndian(bytes, at: offset + 4))
            let body = offset + 8
            if id == "fmt " {
                guard size >= 16, body + 16 <= bytes.count else { throw Failure(reason: "the WAVE fmt chunk is truncated") }
                let format = littleEndian(bytes, at: body, width: 2)
                guard format == 1 || format == 3 || format == 0xFFFE else {
                    throw Failure(reason: "the WAVE file uses format tag \(format), not PCM")
                }
                let channels = littleEndian(bytes, at: body + 2, width: 2)
                let sampleRate = littleEndian(bytes, at: body + 4)
                let rate = littleEndian(bytes, at: body + 8)
                let blockAlign = littleEndian(bytes, at: body + 12, width: 2)
                let bits = littleEndian(bytes, at: body + 14, width: 2)
                // A header that claims a byte rate its own sample rate and sample size cannot give
                // would make a few bytes of audio last for days.
                guard (1...32).contains(channels), (1_000...768_000).contains(sampleRate), [8, 16, 24, 32, 64].contains(bits),
                    blockAlign == channels * bits / 8, rate == sampleRate * blockAlign
                else {
                    throw Failure(
                        reason: "the WAVE fmt chunk is inconsistent (\(channels) channels, \(sampleRate) Hz, \(bits) bits, block \(blockAlign), \(rate) bytes/s)")
                }
                byteRate = rate
            } else if id == "data" {
                guard let byteRate, byteRate > 0 else { throw Failure(reason: "the WAVE data chunk comes before a valid fmt chunk") }
                let available = min(size, bytes.count - body)
                return Double(available) / Double(byteRate)
            }
            offset = body + size + (size & 1)
        }
        throw Failure(reason: "the WAVE file has no data chunk")
    }

    /// The little-endian unsigned integer of `width` bytes at `offset`.
    public static func littleEndian(_ bytes: [UInt8], at offset: Int, width: Int = 4) -> UInt32 {
        (0..<width).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
    }
}

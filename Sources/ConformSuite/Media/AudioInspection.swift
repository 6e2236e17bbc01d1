import ConformJSON

/// Structural validation of speech audio in the format a request asked for: WAV's RIFF sizes
/// and PCM format chunk, raw PCM's sample alignment, and the signatures of the compressed
/// formats (MP3 frames or ID3, Ogg Opus, FLAC, AAC ADTS). Audio is not decoded.
public enum AudioInspection {
    /// Why bytes are not audio of the expected format.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// The formats `response_format` may name, with OpenAI's default first.
    public static let formats = ["mp3", "opus", "aac", "flac", "wav", "pcm"]

    public static func inspect(_ bytes: [UInt8], format: String) throws(Problem) {
        guard !bytes.isEmpty else { throw Problem(description: "the body is empty") }
        switch format {
        case "wav": try inspectWAV(bytes)
        case "pcm":
            guard bytes.count % 2 == 0 else {
                throw Problem(description: "\(bytes.count) bytes is not a whole number of 16-bit samples")
            }
            if bytes.starts(with: Array("RIFF".utf8)) {
                throw Problem(description: "raw PCM was asked for, but the body is a RIFF/WAV file")
            }
        case "mp3":
            let id3 = bytes.starts(with: Array("ID3".utf8))
            let frameSync = bytes.count > 1 && bytes[0] == 0xFF && bytes[1] & 0xE0 == 0xE0
            guard id3 || frameSync else {
                throw Problem(description: "starts with \(HexText.signature(bytes)), not an ID3 tag or an MP3 frame sync")
            }
        case "opus":
            guard bytes.starts(with: Array("OggS".utf8)), bytes.count >= 36, bytes[28..<36].elementsEqual("OpusHead".utf8) else {
                throw Problem(description: "starts with \(HexText.signature(bytes)), not an Ogg page carrying OpusHead")
            }
        case "flac":
            guard bytes.starts(with: Array("fLaC".utf8)) else {
                throw Problem(description: "starts with \(HexText.signature(bytes)), not fLaC")
            }
        case "aac":
            guard bytes.count > 1, bytes[0] == 0xFF, bytes[1] & 0xF6 == 0xF0 else {
                throw Problem(description: "starts with \(HexText.signature(bytes)), not an AAC ADTS frame sync")
            }
        default:
            throw Problem(description: "'\(format)' is not a speech format (known: \(formats.joined(separator: ", ")))")
        }
    }

    /// RIFF/WAVE: the RIFF size matches the file, `fmt ` comes before `data` and describes PCM
    /// (or IEEE float, or extensible) consistently, and `data` fits in the file.
    static func inspectWAV(_ bytes: [UInt8]) throws(Problem) {
        guard bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), bytes[8..<12].elementsEqual("WAVE".utf8) else {
            throw Problem(description: "starts with \(HexText.signature(bytes)), not RIFF....WAVE")
        }
        let riffSize = Int(littleEndian(bytes, 4))
        guard riffSize == bytes.count - 8 else {
            throw Problem(description: "the RIFF size field says \(riffSize) bytes follow it, but \(bytes.count - 8) do")
        }
        var offset = 12
        var blockAlign: Int?
        while offset + 8 <= bytes.count {
            let id = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size = Int(littleEndian(bytes, offset + 4))
            let body = offset + 8
            guard body + size <= bytes.count else {
                throw Problem(description: "the '\(id)' chunk claims \(size) bytes, but only \(bytes.count - body) remain")
            }
            if id == "fmt " {
                guard size >= 16 else { throw Problem(description: "the fmt chunk has \(size) bytes, fewer than 16") }
                let tag = littleEndian(bytes, body, width: 2)
                let channels = Int(littleEndian(bytes, body + 2, width: 2))
                let rate = Int(littleEndian(bytes, body + 4))
                let byteRate = Int(littleEndian(bytes, body + 8))
                let align = Int(littleEndian(bytes, body + 12, width: 2))
                let bits = Int(littleEndian(bytes, body + 14, width: 2))
                guard tag == 1 || tag == 3 || tag == 0xFFFE else {
                    throw Problem(description: "the fmt chunk has format tag \(tag), not PCM")
                }
                guard channels > 0, rate > 0, bits > 0, bits % 8 == 0 else {
                    throw Problem(description: "the fmt chunk gives \(channels) channels, \(rate) Hz, \(bits) bits")
                }
                guard align == channels * bits / 8, byteRate == rate * align else {
                    throw Problem(
                        description:
                            "the fmt chunk is inconsistent: block align \(align), byte rate \(byteRate) for \(channels) x \(bits)-bit at \(rate) Hz"
                    )
                }
                blockAlign = align
            } else if id == "data" {
                guard let blockAlign else { throw Problem(description: "the data chunk comes before the fmt chunk") }
                guard size % blockAlign == 0 else {
                    throw Problem(
                        description: "the data chunk holds \(size) bytes, not a whole number of \(blockAlign)-byte frames")
                }
                return
            }
            offset = body + size + (size & 1)
        }
        throw Problem(description: "there is no data chunk")
    }

    static func littleEndian(_ bytes: [UInt8], _ offset: Int, width: Int = 4) -> UInt32 {
        (0..<width).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
    }
}

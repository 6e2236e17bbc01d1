import ConformContract
import ConformJSON
import ConformReport
import Foundation
import Testing

@testable import ConformSuite

/// A valid PNG of `width` x `height` grey pixels, with an uncompressed (stored) zlib stream.
func makePNG(width: UInt32, height: UInt32, corruptHeaderCRC: Bool = false) -> [UInt8] {
    func bigEndian(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }
    func chunk(_ type: String, _ data: [UInt8], corrupt: Bool = false) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(CRC32.checksum(body) ^ (corrupt ? 1 : 0))
    }
    let header = bigEndian(width) + bigEndian(height) + [8, 0, 0, 0, 0]
    var raw: [UInt8] = []
    for _ in 0..<height { raw += [0] + Array(repeating: 0x80, count: Int(width)) }
    let length = UInt16(raw.count)
    var adler: (UInt32, UInt32) = (1, 0)
    for byte in raw { adler = ((adler.0 + UInt32(byte)) % 65521, (adler.1 + (adler.0 + UInt32(byte)) % 65521) % 65521) }
    let zlib =
        [0x78, 0x01, 0x01, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)] + raw
        + bigEndian(adler.1 << 16 | adler.0)
    return PNGInspection.signature + chunk("IHDR", header, corrupt: corruptHeaderCRC) + chunk("IDAT", zlib) + chunk("IEND", [])
}

/// A mono 16-bit PCM WAV of `samples` samples at 24 kHz; `riffSizeError` skews the RIFF size.
func makeWAV(samples: Int, riffSizeError: Int = 0) -> [UInt8] {
    func little(_ value: UInt32, _ width: Int = 4) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) }
    }
    let data = [UInt8](repeating: 0, count: samples * 2)
    let format = little(1, 2) + little(1, 2) + little(24_000) + little(48_000) + little(2, 2) + little(16, 2)
    let chunks =
        Array("WAVE".utf8) + Array("fmt ".utf8) + little(16) + format + Array("data".utf8) + little(UInt32(data.count)) + data
    return Array("RIFF".utf8) + little(UInt32(chunks.count + riffSizeError)) + chunks
}

@Suite struct MediaCheckTests {
    func imageContext(size: String = "64x32") -> CheckContext {
        makeContext(
            makeFixture(
                endpoint: .images, body: .json(["prompt": "a cat", "size": .string(size), "response_format": "b64_json"])))
    }

    func images(_ pngs: [[UInt8]]) -> ObservedResponse {
        jsonResponse(["created": 1, "data": .array(pngs.map { ["b64_json": .string(Data($0).base64EncodedString())] })])
    }

    @Test func aValidPNGOfTheRequestedSizePasses() {
        #expect(judge(ImageValidPNGCheck(), imageContext(), images([makePNG(width: 64, height: 32)])) == .pass)
    }

    @Test func aPNGWithABadCRCFails() {
        let verdict = judge(
            ImageValidPNGCheck(), imageContext(), images([makePNG(width: 64, height: 32, corruptHeaderCRC: true)]))
        #expect(verdict.message?.hasPrefix("data/0/b64_json is not a valid PNG: chunk 0 (IHDR) has CRC") == true)
    }

    @Test func aPNGOfAnotherSizeFails() {
        let verdict = judge(ImageValidPNGCheck(), imageContext(size: "256x256"), images([makePNG(width: 64, height: 32)]))
        #expect(verdict.message == "data/0 is 64x32, but size 256x256 was requested")
    }

    @Test func pngStructureProblemsAreNamed() {
        let png = makePNG(width: 2, height: 2)
        #expect(
            throws: PNGInspection.Problem(description: "does not start with the PNG signature (starts with 47 49 46 38 39 61)")
        ) {
            try PNGInspection(Array("GIF89a".utf8))
        }
        #expect(throws: PNGInspection.Problem(description: "the file ends without an IEND chunk")) {
            try PNGInspection(Array(png.dropLast(12)))
        }
        #expect(throws: PNGInspection.Problem(description: "12 bytes follow the IEND chunk")) {
            try PNGInspection(png + Array(png.suffix(12)))
        }
    }

    @Test func imageCheckNeedsBase64Images() {
        #expect(
            ImageValidPNGCheck().misuse(in: makeFixture(body: .json(["prompt": "x"])))
                == "needs a request with response_format b64_json (URLs are not fetched)")
    }

    func speechContext(format: String?) -> CheckContext {
        var body: JSON = ["model": "tts", "input": "Hello", "voice": "alloy"]
        if let format { body["response_format"] = .string(format) }
        return makeContext(makeFixture(endpoint: .speech, body: .json(body)))
    }

    @Test func aWellFormedWAVPasses() {
        #expect(
            judge(
                AudioValidContainerCheck(), speechContext(format: "wav"),
                bytesResponse(makeWAV(samples: 100), contentType: "audio/wav")) == .pass)
    }

    @Test func aWAVWithAWrongRIFFSizeFails() {
        let verdict = judge(
            AudioValidContainerCheck(), speechContext(format: "wav"),
            bytesResponse(makeWAV(samples: 100, riffSizeError: 8), contentType: "audio/wav"))
        #expect(verdict.message == "the body is not valid wav audio: the RIFF size field says 244 bytes follow it, but 236 do")
    }

    @Test func theDefaultFormatIsMP3AndOtherFormatsAreRecognized() {
        let wav = bytesResponse(makeWAV(samples: 10), contentType: "audio/wav")
        #expect(
            judge(AudioValidContainerCheck(), speechContext(format: nil), wav).message
                == "the body is not valid mp3 audio: starts with 52 49 46 46 38 00 00 00, not an ID3 tag or an MP3 frame sync")
        #expect(
            judge(
                AudioValidContainerCheck(), speechContext(format: "mp3"),
                bytesResponse(Array("ID3\u{4}".utf8), contentType: "audio/mpeg")) == .pass)
        #expect(
            judge(
                AudioValidContainerCheck(), speechContext(format: "flac"),
                bytesResponse(Array("fLaC....".utf8), contentType: "audio/flac")) == .pass)
        #expect(
            judge(AudioValidContainerCheck(), speechContext(format: "pcm"), bytesResponse([1, 2, 3], contentType: "audio/pcm"))
                .message
                == "the body is not valid pcm audio: 3 bytes is not a whole number of 16-bit samples")
    }
}

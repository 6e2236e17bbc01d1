import ConformHTTP
import ConformJSON
import Foundation
import HTTPWire
import MockProvider
import Testing
import Workers

@Suite("Images, speech and transcriptions")
struct MediaTests {
    @Test("Image generation returns valid PNGs as b64_json, and urls the mock itself serves without a key")
    func imageGeneration() async throws {
        try await withMock { client in
            let request: JSON = ["model": "stable-diffusion-3.5-medium", "prompt": "a panda", "size": "64x32", "n": 2]
            let json = try await client.send("POST", "/v1/images/generations", json: request).json()
            let pngs = try (json["data"]?.arrayValue ?? []).map { try #require(Data(base64Encoded: $0["b64_json"]?.stringValue ?? "")) }
            #expect(pngs.count == 2 && pngs[0] != pngs[1])
            #expect(ImageProbe([UInt8](pngs[0]))?.width == 64)
            var byURL = request
            byURL["response_format"] = "url"
            let urls = try await client.send("POST", "/v1/images/generations", json: byURL).json()
            let url = try #require(urls["data"]?[0]?["url"]?.stringValue)
            #expect(url.hasPrefix(client.baseURL))
            let fetched = try await client.transport.send(OutgoingRequest(url: url))
            #expect(fetched.status == 200 && fetched.head.mediaType == "image/png")
            #expect(Data(fetched.body).elementsEqual(pngs[0]))
        }
    }

    @Test("Image edits take image and image[] uploads, refuse non-images, and default to the upload's size")
    func imageEdits() async throws {
        try await withMock { client in
            let picture = ImageRenderer.png(seed: 1, width: 40, height: 30)
            for field in ["image", "image[]"] {
                let form = MultipartForm(parts: [
                    .text("model", "stable-diffusion-3.5-medium"), .text("prompt", "add a hat"),
                    .file(field, filename: "in.png", contentType: "image/png", data: picture),
                ])
                let json = try await client.send("POST", "/v1/images/edits", body: .multipart(form)).json()
                let png = try #require(Data(base64Encoded: json["data"]?[0]?["b64_json"]?.stringValue ?? ""))
                #expect(ImageProbe([UInt8](png))?.height == 30, "\(field)")
            }
            let notImage = MultipartForm(parts: [
                .text("model", "stable-diffusion-3.5-medium"), .text("prompt", "x"),
                .file("image", filename: "in.png", contentType: "image/png", data: Array("not a picture".utf8)),
            ])
            let refused = try await client.send("POST", "/v1/images/edits", body: .multipart(notImage))
            #expect(refused.status == 400)
            let noBoundary = try await client.send("POST", "/v1/images/edits", body: .bytes(Array("x".utf8), contentType: "multipart/form-data"))
            #expect(noBoundary.status == 400)
        }
    }

    @Test("Speech is a valid WAV or PCM; mp3 is refused naming the formats it can produce")
    func speech() async throws {
        try await withMock { client in
            let request: JSON = ["model": "cosyvoice-300m", "input": "Hello there", "voice": "alloy"]
            let wav = try await client.send("POST", "/v1/audio/speech", json: request)
            #expect(wav.head.mediaType == "audio/wav")
            let probe = try AudioProbe(wav.body)
            #expect(probe.format == .wav && probe.duration > 0.3)
            #expect(Int(AudioProbe.littleEndian(wav.body, at: 4)) == wav.body.count - 8)
            var pcm = request
            pcm["response_format"] = "pcm"
            let raw = try await client.send("POST", "/v1/audio/speech", json: pcm)
            #expect(raw.body.elementsEqual(wav.body.dropFirst(44)))
            var mp3 = request
            mp3["response_format"] = "mp3"
            let refused = try await client.send("POST", "/v1/audio/speech", json: mp3)
            #expect(refused.status == 400)
            #expect(try refused.json()["error"]?["message"]?.stringValue?.contains("'wav' and 'pcm'") == true)
        }
    }

    @Test("Transcriptions of a real WAV in json, text, srt, vtt and verbose_json, duration from the header")
    func transcriptions() async throws {
        try await withMock { client in
            let samples = [Int16](repeating: 1000, count: 24_000 * 3)
            let wav = WAVEncoder.wav(samples, sampleRate: 24_000)
            func form(_ format: String) -> OutgoingBody {
                .multipart(MultipartForm(parts: [
                    .text("model", "whisper-large-v3-turbo"), .text("response_format", format),
                    .file("file", filename: "speech.wav", contentType: "audio/wav", data: wav),
                ]))
            }
            let json = try await client.send("POST", "/v1/audio/transcriptions", body: form("json")).json()
            let text = try #require(json["text"]?.stringValue)
            let plain = try await client.send("POST", "/v1/audio/transcriptions", body: form("text"))
            #expect(plain.head.mediaType == "text/plain" && plain.text == text + "\n")
            let verbose = try await client.send("POST", "/v1/audio/transcriptions", body: form("verbose_json")).json()
            #expect(verbose["duration"] == 3.0)
            #expect(try await client.send("POST", "/v1/audio/transcriptions", body: form("srt")).text.hasPrefix("1\n00:00:00,000 --> "))
            #expect(try await client.send("POST", "/v1/audio/transcriptions", body: form("vtt")).text.hasPrefix("WEBVTT\n\n"))
            let bogus = MultipartForm(parts: [
                .text("model", "whisper-large-v3-turbo"), .file("file", filename: "a.wav", contentType: "audio/wav", data: Array("nope".utf8)),
            ])
            #expect(try await client.send("POST", "/v1/audio/transcriptions", body: .multipart(bogus)).status == 400)
        }
    }

    @Test("image-corrupt-png and speech-corrupt-wav really corrupt")
    func corruptions() async throws {
        try await withMock(deviating(.imageCorruptPNG, .speechCorruptWAV)) { client in
            let json = try await client.send("POST", "/v1/images/generations", json: ["model": "stable-diffusion-3.5-medium", "prompt": "x", "size": "8x8"]).json()
            let png = [UInt8](Data(base64Encoded: json["data"]?[0]?["b64_json"]?.stringValue ?? "") ?? Data())
            let stored = png[29..<33].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(stored != Checksums.crc32(png[12..<29]))
            let wav = try await client.send("POST", "/v1/audio/speech", json: ["model": "cosyvoice-300m", "input": "x", "voice": "a"]).body
            #expect(Int(AudioProbe.littleEndian(wav, at: 4)) != wav.count - 8)
        }
    }
}

import ConformJSON
import HTTPTypes

/// `POST /v1/audio/speech`: speech-like audio for `input` as WAV or raw PCM (24 kHz, 16-bit, mono).
/// Formats it cannot encode (mp3, opus, aac, flac) are refused with a message naming those it can.
struct SpeechEndpoint {
    let worker: DeterministicWorker

    static let producibleFormats = ["wav", "pcm"]
    static let knownFormats = ["mp3", "opus", "aac", "flac", "wav", "pcm"]

    func respond(to body: JSON) throws(InvalidRequest) -> WorkerResponse {
        let fields = try RequestFields(body)
        _ = try worker.checkModel(fields)
        let input = try fields.requiredString("input")
        guard !input.isEmpty else { throw .invalidValue("input", "the input must not be empty.") }
        guard input.count <= 4096 else { throw .invalidValue("input", "the input must be at most 4096 characters.") }
        let voice: String
        switch try fields.required("voice") {
        case .string(let name): voice = name
        case .object(let object) where object["id"]?.stringValue != nil: voice = object["id"]!.stringValue!
        case let other: throw .wrongType("voice", expected: "a string or an object with 'id'", got: other)
        }
        let format = try fields.choice("response_format", among: Self.knownFormats) ?? "wav"
        guard Self.producibleFormats.contains(format) else {
            throw .invalidValue(
                "response_format", "'\(format)' cannot be produced by this model; supported formats are 'wav' and 'pcm'.")
        }
        if let streamFormat = try fields.choice("stream_format", among: ["audio", "sse"]), streamFormat == "sse" {
            throw .invalidValue("stream_format", "'sse' is not supported by this model; use 'audio'.")
        }
        let speed = try fields.number("speed", in: 0.25...4) ?? 1
        let derivation = worker.derivation("audio.speech", fields, ignoring: ["response_format"])
        let synthesizer = SpeechSynthesizer(voice: voice, speed: speed)
        let seconds = synthesizer.duration(for: input, seed: derivation.seed)
        let longest = worker.settings.limits.speechSeconds
        guard seconds <= longest else {
            throw .invalidValue(
                "input", "at speed \(speed) the speech would last \(Int(seconds.rounded())) seconds, more than this server's limit of \(Int(longest)) seconds.")
        }
        let samples = synthesizer.samples(for: input, seed: derivation.seed, stop: { worker.isCancelled })
        if worker.isCancelled { throw InvalidRequest("The request was given up before its speech was synthesized.") }
        if format == "pcm" {
            return WorkerResponse(headers: [.contentType: "audio/pcm"], body: .bytes(WAVEncoder.pcm(samples)))
        }
        return WorkerResponse(
            headers: [.contentType: "audio/wav"], body: .bytes(WAVEncoder.wav(samples, sampleRate: SpeechSynthesizer.sampleRate)))
    }
}

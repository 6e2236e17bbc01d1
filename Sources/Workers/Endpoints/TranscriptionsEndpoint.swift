import ConformDigest
import ConformJSON
import Foundation
import HTTPTypes
import HTTPWire

/// `POST /v1/audio/transcriptions`: multipart with a real audio `file`; answers in `json`, `text`,
/// `srt`, `vtt` or `verbose_json` (with segments, and words when `timestamp_granularities[]`
/// asks for them). Durations come from the WAV header when the upload is WAV.
struct TranscriptionsEndpoint {
    let worker: DeterministicWorker

    static let languageNames = [
        "en": "english", "zh": "chinese", "de": "german", "es": "spanish", "fr": "french", "ja": "japanese",
        "ko": "korean", "ru": "russian", "it": "italian", "pt": "portuguese",
    ]

    func respond(to form: MultipartForm) throws(InvalidRequest) -> WorkerResponse {
        var object = JSONObject()
        for part in form.parts where part.filename == nil && part.name != "file" {
            guard let text = part.text else { throw .invalidValue(part.name, "the form field is not valid UTF-8 text.") }
            object[part.name] = .string(text)
        }
        let fields = try RequestFields(.object(object))
        _ = try worker.checkModel(fields)
        guard let file = form.part(named: "file") else { throw .missing("file") }
        let probe: AudioProbe
        do {
            probe = try AudioProbe(file.data)
        } catch {
            throw .invalidValue("file", "could not decode the uploaded audio: \(error.reason).")
        }
        let longest = worker.settings.limits.audioSeconds
        guard probe.duration <= longest else {
            throw .invalidValue(
                "file", "the audio lasts \(Int(probe.duration.rounded())) seconds, more than this server's limit of \(Int(longest)) seconds.")
        }
        let format = try fields.choice("response_format", among: ["json", "text", "srt", "verbose_json", "vtt"]) ?? "json"
        let language = try fields.string("language") ?? "en"
        if let temperature = try fields.string("temperature"), Double(temperature).map({ !(0...1).contains($0) }) ?? true {
            throw .invalidValue("temperature", "expected a number between 0 and 1, but got '\(temperature)'.")
        }
        let granularities = form.parts(named: "timestamp_granularities[]").compactMap(\.text)
            + form.parts(named: "timestamp_granularities").compactMap(\.text)
        for granularity in granularities where granularity != "word" && granularity != "segment" {
            throw .invalidValue("timestamp_granularities[]", "'\(granularity)' is not one of 'word', 'segment'.")
        }
        var described = object
        described["response_format"] = nil
        described["timestamp_granularities[]"] = nil
        let derivation = worker.derivation(
            "audio.transcriptions", parts: [JSON.object(described).serializedString(.canonical), SHA256.hexDigest(file.data)])
        var random = derivation.random()
        let duration = (probe.duration * 1000).rounded() / 1000
        let transcript = Transcript(duration: duration, random: &random)
        let seconds = JSON.integer(Int64(duration.rounded(.up)))
        switch format {
        case "text":
            return text(transcript.text + "\n", type: "text/plain; charset=utf-8")
        case "srt":
            var lines: [String] = []
            for (index, segment) in transcript.segments.enumerated() {
                lines.append("\(index + 1)\n\(Self.timestamp(segment.start, comma: true)) --> \(Self.timestamp(segment.end, comma: true))\n\(segment.text)\n")
            }
            return text(lines.joined(separator: "\n"), type: "text/plain; charset=utf-8")
        case "vtt":
            var output = "WEBVTT\n\n"
            for segment in transcript.segments {
                output += "\(Self.timestamp(segment.start, comma: false)) --> \(Self.timestamp(segment.end, comma: false))\n\(segment.text)\n\n"
            }
            return text(output, type: "text/vtt; charset=utf-8")
        case "verbose_json":
            var body: JSONObject = [
                "task": "transcribe", "language": .string(Self.languageNames[language] ?? language),
                "duration": .number(duration), "text": .string(transcript.text),
            ]
            body["segments"] = .array(
                transcript.segments.enumerated().map { index, segment in
                    [
                        "id": .integer(Int64(index)), "seek": 0, "start": .number(Self.rounded(segment.start)),
                        "end": .number(Self.rounded(segment.end)), "text": .string(" " + segment.text), "tokens": [],
                        "temperature": 0.0, "avg_logprob": -0.25, "compression_ratio": 1.2, "no_speech_prob": 0.01,
                    ]
                })
            if granularities.contains("word") {
                body["words"] = .array(
                    transcript.segments.flatMap(\.words).map {
                        ["word": .string($0.word), "start": .number(Self.rounded($0.start)), "end": .number(Self.rounded($0.end))]
                    })
            }
            body["usage"] = ["type": "duration", "seconds": seconds]
            return .json(.object(body))
        default:
            return .json(["text": .string(transcript.text), "usage": ["type": "duration", "seconds": seconds]])
        }
    }

    private func text(_ text: String, type: String) -> WorkerResponse {
        WorkerResponse(headers: [.contentType: type], body: .bytes(Array(text.utf8)))
    }

    static func rounded(_ value: Double) -> Double {
        (value * 100).rounded() / 100
    }

    /// `HH:MM:SS,mmm` (SRT) or `HH:MM:SS.mmm` (WebVTT).
    static func timestamp(_ seconds: Double, comma: Bool) -> String {
        let milliseconds = Int((seconds * 1000).rounded())
        let hours = milliseconds / 3_600_000
        let minutes = milliseconds / 60_000 % 60
        let secs = milliseconds / 1000 % 60
        let fraction = milliseconds % 1000
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let three = fraction < 10 ? "00\(fraction)" : fraction < 100 ? "0\(fraction)" : "\(fraction)"
        return "\(two(hours)):\(two(minutes)):\(two(secs))\(comma ? "," : ".")\(three)"
    }
}

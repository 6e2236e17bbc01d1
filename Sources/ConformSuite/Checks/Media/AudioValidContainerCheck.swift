import ConformContract
import ConformJSON

/// `audio.valid-container`: generated speech is well-formed audio of the format asked for.
public struct AudioValidContainerCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "audio.valid-container", level: .must,
        summary:
            "The speech body is well-formed audio of the requested response_format (WAV RIFF sizes and PCM format, signatures of the others).",
        source:
            "OpenAI API, Create speech: \"response_format: The format to audio in. Supported formats are mp3, opus, aac, flac, wav, and pcm.\""
    )

    public init() {}

    public func misuse(in fixture: Fixture) -> String? {
        guard case .json(let body) = fixture.request.body else { return "needs a JSON speech request" }
        if let format = body["response_format"]?.stringValue, !AudioInspection.formats.contains(format) {
            return "response_format '\(format)' is not a speech format"
        }
        return nil
    }

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        let format = context.request.json?["response_format"]?.stringValue ?? "mp3"
        do {
            try AudioInspection.inspect(response.body, format: format)
            return .pass
        } catch {
            return .fail("the body is not valid \(format) audio: \(error)")
        }
    }
}

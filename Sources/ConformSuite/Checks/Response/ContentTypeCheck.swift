import ConformContract
import ConformJSON

/// `content-type`: the answer's media type is one the fixture accepts.
public struct ContentTypeCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "content-type", level: .should,
        summary: "The Content-Type media type is the one the endpoint answers with (JSON, event stream, audio, text).",
        source:
            "OpenAI OpenAPI spec: each operation's response declares its media type (application/json, text/event-stream, application/octet-stream)."
    )

    public init() {}

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        let accepted = context.fixture.expectation.contentTypes ?? []
        let expected = JSON.array(accepted.map(JSON.string))
        guard let mediaType = response.mediaType else {
            return .fail("no Content-Type header; expected \(accepted.joined(separator: " or "))", expected: expected)
        }
        if accepted.contains(where: { Self.accepts($0, mediaType) }) { return .pass }
        return .fail(
            "Content-Type is \(mediaType), expected \(accepted.joined(separator: " or "))", expected: expected,
            actual: .string(mediaType))
    }

    /// Whether `pattern` (`application/json` or `audio/*`) admits `mediaType`.
    static func accepts(_ pattern: String, _ mediaType: String) -> Bool {
        let pattern = pattern.lowercased()
        if pattern.hasSuffix("/*") { return mediaType.hasPrefix(pattern.dropLast()) }
        return pattern == mediaType
    }
}

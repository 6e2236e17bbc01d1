public import ConformJSON

/// What a script (a mock stub) says a model answers, in place of what the engine would generate:
/// a text, or tool calls, and optionally the pace of its stream. The engine renders it in the
/// endpoint's own shape (a chat completion or its chunks, a completion, a Responses object or its
/// events; the gateway turns chat into an Anthropic message), with usage counted from it. It
/// travels to an engine in the ``headerName`` header as JSON, so `conform worker` honours scripts
/// too.
public struct ScriptedReply: Sendable, Hashable, Codable {
    /// One tool call: the function's name and its arguments.
    public struct ToolCall: Sendable, Hashable, Codable {
        public var name: String
        public var arguments: JSON

        public init(name: String, arguments: JSON = [:]) {
            self.name = name
            self.arguments = arguments
        }
    }

    public var text: String?
    public var toolCalls: [ToolCall]?
    /// The wait before the first streamed token, and between tokens, overriding the engine's pace.
    public var timeToFirstTokenMs: Int?
    public var interTokenMs: Int?

    public static let headerName = "X-Conform-Script"

    public init(text: String? = nil, toolCalls: [ToolCall]? = nil, timeToFirstTokenMs: Int? = nil, interTokenMs: Int? = nil) {
        self.text = text
        self.toolCalls = toolCalls
        self.timeToFirstTokenMs = timeToFirstTokenMs
        self.interTokenMs = interTokenMs
    }

    /// The header value that carries the script.
    public var headerValue: String {
        ((try? JSONValueEncoder().encode(self)) ?? [:]).serializedString()
    }

    /// The script a header value carries; nil when it carries none that can be read.
    public init?(headerValue: String) {
        guard let json = try? JSONParser().parse(Array(headerValue.utf8)),
            let script = try? JSONValueDecoder().decode(ScriptedReply.self, from: json)
        else { return nil }
        self = script
    }

    /// The stream pace the script asks for, over the engine's own.
    func pace(over base: StreamingPace) -> StreamingPace {
        var pace = base
        if let milliseconds = timeToFirstTokenMs { pace.timeToFirstToken = .milliseconds(milliseconds) }
        if let milliseconds = interTokenMs { pace.interToken = .milliseconds(milliseconds) }
        return pace
    }
}

import ConformJSON
import Workers

/// Turns a chat completion chunk stream into Anthropic's event lifecycle: message_start, then per
/// content block content_block_start (a ping after the first), deltas, content_block_stop, then
/// message_delta with the stop reason and usage, and message_stop. Every event is named.
struct AnthropicStreamTranslator: EventStreamEditor {
    let model: String
    let inputTokens: Int
    private var started = false
    private var openBlock: Int?
    private var openBlockIsText = false
    private var nextBlock = 0
    private var pinged = false
    private var stopReason: JSON = .null
    private var stopSequence: JSON = .null
    private var usage: JSON?
    private var finished = false

    init(model: String, inputTokens: Int) {
        self.model = model
        self.inputTokens = inputTokens
    }

    static func event(_ type: String, _ members: [(String, JSON)] = []) -> WorkerEvent {
        var object: JSONObject = ["type": .string(type)]
        for (key, value) in members { object[key] = value }
        return .json(.object(object), name: type)
    }

    mutating func edit(_ event: WorkerEvent) -> [WorkerEvent] {
        guard let chunk = event.json else { return [] }
        var events: [WorkerEvent] = []
        if !started {
            started = true
            events.append(
                Self.event(
                    "message_start",
                    [(
                        "message",
                        [
                            "id": .string(AnthropicResponseTranslator.messageID(fromChatID: chunk["id"]?.stringValue)),
                            "type": "message", "role": "assistant", "model": .string(model), "content": [],
                            "stop_reason": .null, "stop_sequence": .null,
                            "usage": ["input_tokens": .integer(Int64(inputTokens)), "output_tokens": 0],
                        ]
                    )]))
        }
        if let chunkUsage = chunk["usage"], chunkUsage.objectValue != nil { usage = chunkUsage }
        guard let choice = chunk["choices"]?[0] else { return events }
        let delta = choice["delta"]
        if let text = delta?["content"]?.stringValue, !text.isEmpty {
            if openBlock == nil || !openBlockIsText {
                events += closeBlock()
                events += openBlock(["type": "text", "text": ""], isText: true)
            }
            events.append(Self.event("content_block_delta", [("index", .integer(Int64(openBlock!))), ("delta", ["type": "text_delta", "text": .string(text)])]))
        }
        for call in delta?["tool_calls"]?.arrayValue ?? [] {
            if let id = call["id"]?.stringValue {
                events += closeBlock()
                events += openBlock(
                    [
                        "type": "tool_use", "id": .string(AnthropicResponseTranslator.toolUseID(fromCallID: id)),
                        "name": call["function"]?["name"] ?? "", "input": [:],
                    ], isText: false)
            }
            if let fragment = call["function"]?["arguments"]?.stringValue, let index = openBlock, !fragment.isEmpty {
                events.append(Self.event("content_block_delta", [("index", .integer(Int64(index))), ("delta", ["type": "input_json_delta", "partial_json": .string(fragment)])]))
            }
        }
        if let finish = choice["finish_reason"]?.stringValue {
            (stopReason, stopSequence) = AnthropicResponseTranslator.stop(finish, matched: choice["stop_reason"])
            events += closeBlock()
        }
        return events
    }

    private mutating func openBlock(_ block: JSON, isText: Bool) -> [WorkerEvent] {
        let index = nextBlock
        nextBlock += 1
        openBlock = index
        openBlockIsText = isText
        var events = [Self.event("content_block_start", [("index", .integer(Int64(index))), ("content_block", block)])]
        if !pinged {
            pinged = true
            events.append(Self.event("ping"))
        }
        return events
    }

    private mutating func closeBlock() -> [WorkerEvent] {
        guard let index = openBlock else { return [] }
        openBlock = nil
        return [Self.event("content_block_stop", [("index", .integer(Int64(index)))])]
    }

    mutating func finish() -> [WorkerEvent] {
        guard started, !finished else { return [] }
        finished = true
        var events = closeBlock()
        let outputTokens = usage?["completion_tokens"] ?? 0
        events.append(
            Self.event(
                "message_delta",
                [
                    ("delta", ["stop_reason": stopReason, "stop_sequence": stopSequence]),
                    ("usage", ["input_tokens": usage?["prompt_tokens"] ?? .integer(Int64(inputTokens)), "output_tokens": outputTokens]),
                ]))
        events.append(Self.event("message_stop"))
        return events
    }

    mutating func fail(_ error: any Error) -> [WorkerEvent] {
        finished = true
        return [Self.event("error", [("error", ["type": "api_error", "message": .string("The upstream stream failed: \(error)")])])]
    }
}

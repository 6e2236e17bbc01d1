import ConformContract
import ConformJSON

/// A streamed answer put together the way the official SDKs' stream helpers accumulate it, so
/// the `json` matcher and the content checks judge a stream and a plain answer alike:
///
/// - chat: one `chat.completion` with each choice's `content`, `refusal` and `logprobs.content`
///   concatenated, tool calls merged by their `index` (arguments concatenated), the last
///   `finish_reason`, and the usage chunk's `usage`;
/// - completions: one `text_completion` with each choice's text concatenated;
/// - messages: the `message_start` message with its content blocks built from the deltas (text
///   concatenated, a tool's `input` parsed from its `input_json_delta` pieces, or kept as the
///   unparsed string when the pieces are not JSON), `stop_reason`, `stop_sequence` and usage from
///   `message_delta`;
/// - responses: the `response` of the terminal event.
///
/// Events that are not JSON are ignored here: the stream grammar checks report them.
public enum StreamAssembly {
    /// The rows whose streams assemble into one answer.
    public static let rows: Set<ContractRow> = [.chat, .completions, .messages, .responses]

    /// The assembled answer of `row`, or nil when the row does not stream or nothing assembles.
    public static func assemble(_ events: [StreamEvent], row: ContractRow) -> JSON? {
        switch row {
        case .chat: chat(events)
        case .completions: completions(events)
        case .messages: message(events)
        case .responses: response(events)
        default: nil
        }
    }

    // MARK: OpenAI chat

    /// One choice being accumulated.
    private struct ChatChoice {
        var role: JSON = .null
        var content: String?
        var refusal: String?
        var toolCalls: [Int64: JSONObject] = [:]
        var toolCallOrder: [Int64] = []
        var logprobs: [JSON]?
        var finishReason: JSON = .null
    }

    static func chat(_ events: [StreamEvent]) -> JSON? {
        var head: JSONObject = [:]
        var choices: [Int64: ChatChoice] = [:]
        var order: [Int64] = []
        var usage: JSON?
        for event in events {
            guard let chunk = event.json?.objectValue else { continue }
            for key in ["id", "created", "model", "system_fingerprint"] where head[key] == nil {
                if let value = chunk[key] { head[key] = value }
            }
            if let value = chunk["usage"], !value.isNull { usage = value }
            for choice in chunk["choices"]?.arrayValue ?? [] {
                guard let index = choice["index"]?.integerValue else { continue }
                if choices[index] == nil {
                    choices[index] = ChatChoice()
                    order.append(index)
                }
                accumulate(choice, into: &choices[index]!)
            }
        }
        guard !head.isEmpty || !choices.isEmpty else { return nil }
        var completion = head
        completion["object"] = "chat.completion"
        completion["choices"] = .array(
            order.map { index in
                let choice = choices[index]!
                var message: JSONObject = ["role": choice.role, "content": choice.content.map(JSON.string) ?? .null]
                if let refusal = choice.refusal { message["refusal"] = .string(refusal) }
                if !choice.toolCallOrder.isEmpty {
                    message["tool_calls"] = .array(choice.toolCallOrder.map { .object(choice.toolCalls[$0]!) })
                }
                return [
                    "index": .integer(index), "message": .object(message),
                    "logprobs": choice.logprobs.map { ["content": .array($0)] } ?? .null,
                    "finish_reason": choice.finishReason,
                ]
            })
        if let usage { completion["usage"] = usage }
        return .object(completion)
    }

    private static func accumulate(_ choice: JSON, into state: inout ChatChoice) {
        if let reason = choice["finish_reason"], !reason.isNull { state.finishReason = reason }
        if let content = choice["logprobs"]?["content"]?.arrayValue {
            state.logprobs = (state.logprobs ?? []) + content
        }
        guard let delta = choice["delta"] else { return }
        if let role = delta["role"], !role.isNull { state.role = role }
        if let text = delta["content"]?.stringValue { state.content = (state.content ?? "") + text }
        if let text = delta["refusal"]?.stringValue { state.refusal = (state.refusal ?? "") + text }
        for (position, call) in (delta["tool_calls"]?.arrayValue ?? []).enumerated() {
            // A delta without an index cannot be merged; keep it apart so checks can see it.
            let index = call["index"]?.integerValue ?? Int64(-1 - position)
            var merged = state.toolCalls[index] ?? [:]
            if state.toolCalls[index] == nil { state.toolCallOrder.append(index) }
            for key in ["id", "type"] {
                if let value = call[key], !value.isNull, merged[key] == nil { merged[key] = value }
            }
            if let function = call["function"] {
                var mergedFunction = merged["function"]?.objectValue ?? [:]
                if let name = function["name"]?.stringValue, mergedFunction["name"] == nil { mergedFunction["name"] = .string(name) }
                if let piece = function["arguments"]?.stringValue {
                    mergedFunction["arguments"] = .string((mergedFunction["arguments"]?.stringValue ?? "") + piece)
                }
                merged["function"] = .object(mergedFunction)
            }
            state.toolCalls[index] = merged
        }
    }

    // MARK: OpenAI completions

    static func completions(_ events: [StreamEvent]) -> JSON? {
        var head: JSONObject = [:]
        var texts: [Int64: (text: String, finish: JSON)] = [:]
        var order: [Int64] = []
        var usage: JSON?
        for event in events {
            guard let chunk = event.json?.objectValue else { continue }
            for key in ["id", "created", "model"] where head[key] == nil {
                if let value = chunk[key] { head[key] = value }
            }
            if let value = chunk["usage"], !value.isNull { usage = value }
            for choice in chunk["choices"]?.arrayValue ?? [] {
                guard let index = choice["index"]?.integerValue else { continue }
                if texts[index] == nil {
                    texts[index] = ("", .null)
                    order.append(index)
                }
                if let text = choice["text"]?.stringValue { texts[index]!.text += text }
                if let reason = choice["finish_reason"], !reason.isNull { texts[index]!.finish = reason }
            }
        }
        guard !head.isEmpty || !texts.isEmpty else { return nil }
        var completion = head
        completion["object"] = "text_completion"
        completion["choices"] = .array(
            order.map { ["index": .integer($0), "text": .string(texts[$0]!.text), "finish_reason": texts[$0]!.finish] })
        if let usage { completion["usage"] = usage }
        return .object(completion)
    }

    // MARK: Anthropic messages

    static func message(_ events: [StreamEvent]) -> JSON? {
        var message: JSONObject?
        var blocks: [Int64: JSONObject] = [:]
        var order: [Int64] = []
        var partialJSON: [Int64: String] = [:]
        for event in events {
            guard let data = event.json, let type = data["type"]?.stringValue else { continue }
            switch type {
            case "message_start":
                message = data["message"]?.objectValue
            case "content_block_start":
                guard let index = data["index"]?.integerValue, let block = data["content_block"]?.objectValue else { continue }
                if blocks[index] == nil { order.append(index) }
                blocks[index] = block
            case "content_block_delta":
                guard let index = data["index"]?.integerValue, let delta = data["delta"], var block = blocks[index] else { continue }
                switch delta["type"]?.stringValue {
                case "text_delta":
                    block["text"] = .string((block["text"]?.stringValue ?? "") + (delta["text"]?.stringValue ?? ""))
                case "input_json_delta":
                    partialJSON[index, default: ""] += delta["partial_json"]?.stringValue ?? ""
                case "thinking_delta":
                    block["thinking"] = .string((block["thinking"]?.stringValue ?? "") + (delta["thinking"]?.stringValue ?? ""))
                case "signature_delta":
                    block["signature"] = delta["signature"] ?? .null
                default:
                    break
                }
                blocks[index] = block
            case "message_delta":
                guard message != nil else { continue }
                for (key, value) in data["delta"]?.objectValue ?? [:] { message![key] = value }
                if let usage = data["usage"]?.objectValue {
                    var merged = message!["usage"]?.objectValue ?? [:]
                    for (key, value) in usage { merged[key] = value }
                    message!["usage"] = .object(merged)
                }
            default:
                continue
            }
        }
        guard var message else { return nil }
        for (index, text) in partialJSON {
            guard blocks[index] != nil else { continue }
            // The SDK parses the joined pieces; what does not parse stays a string for the checks to name.
            blocks[index]!["input"] = (try? JSONParser().parse(Array(text.utf8))) ?? .string(text)
        }
        message["content"] = .array(order.map { .object(blocks[$0]!) })
        return .object(message)
    }

    // MARK: OpenAI Responses

    static func response(_ events: [StreamEvent]) -> JSON? {
        let terminal: Set<String> = ["response.completed", "response.incomplete", "response.failed"]
        for event in events.reversed() {
            guard let data = event.json, let type = data["type"]?.stringValue, terminal.contains(type) else { continue }
            return data["response"]
        }
        return nil
    }
}

extension ObservedResponse {
    /// The answer as one JSON value: the body when it is JSON, else the stream assembled as the
    /// SDKs assemble `row`'s streams.
    public func content(of row: ContractRow) -> JSON? {
        if let json { return json }
        guard let stream, !stream.events.isEmpty else { return nil }
        return StreamAssembly.assemble(stream.events, row: row)
    }
}

import ConformJSON
import Workers

/// Validates an Anthropic Messages request and translates it into a chat completions request, as
/// GPUStack's gateway does for engines that only speak OpenAI: system prompt, text and image
/// blocks, tool use and tool results, tools, tool choice, limits and stop sequences.
enum AnthropicRequestTranslator {
    static func chatRequest(_ body: JSONObject, model: String) throws(InvalidRequest) -> (chat: JSONObject, stream: Bool) {
        let fields = try RequestFields(.object(body))
        guard let maxTokens = try fields.integer("max_tokens", in: 1...Int64(Int32.max)) else { throw .missing("max_tokens") }
        guard let messages = try fields.array("messages") else { throw .missing("messages") }
        guard !messages.isEmpty else { throw .invalidValue("messages", "at least one message is required.") }
        let temperature = try fields.number("temperature", in: 0...1)
        let topP = try fields.number("top_p", in: 0...1)
        _ = try fields.integer("top_k", in: 0...Int64(Int32.max))
        let stream = try fields.bool("stream") ?? false
        var chatMessages: [JSON] = []
        if let system = fields.value("system") {
            chatMessages.append(["role": "system", "content": .string(try text(of: system, path: "system"))])
        }
        for (index, message) in messages.enumerated() {
            let entry = try RequestFields(message, path: "messages.\(index)")
            guard let role = try entry.choice("role", among: ["user", "assistant"]) else { throw .missing(entry.param("role")) }
            let content = try entry.required("content")
            if case .string(let text) = content {
                chatMessages.append(["role": .string(role), "content": .string(text)])
                continue
            }
            guard case .array(let blocks) = content else {
                throw .wrongType(entry.param("content"), expected: "a string or an array of content blocks", got: content)
            }
            var parts: [JSON] = []
            var toolCalls: [JSON] = []
            var toolResults: [JSON] = []
            for (blockIndex, block) in blocks.enumerated() {
                let blockFields = try RequestFields(block, path: "\(entry.param("content")).\(blockIndex)")
                switch try blockFields.requiredString("type") {
                case "text":
                    parts.append(["type": "text", "text": .string(try blockFields.requiredString("text"))])
                case "image":
                    let source = try blockFields.fields("source")
                    let url: String
                    if try source?.string("type") == "url" {
                        url = try source?.requiredString("url") ?? ""
                    } else {
                        url = "data:\(try source?.string("media_type") ?? "image/png");base64,\(try source?.string("data") ?? "")"
                    }
                    parts.append(["type": "image_url", "image_url": ["url": .string(url)]])
                case "tool_use":
                    let input = blockFields.value("input") ?? [:]
                    toolCalls.append([
                        "id": .string(try blockFields.requiredString("id")), "type": "function",
                        "function": ["name": .string(try blockFields.requiredString("name")), "arguments": .string(input.serializedString())],
                    ])
                case "tool_result":
                    let resultText = try blockFields.value("content").map { value throws(InvalidRequest) in try text(of: value, path: blockFields.param("content")) } ?? ""
                    toolResults.append(["role": "tool", "tool_call_id": .string(try blockFields.requiredString("tool_use_id")), "content": .string(resultText)])
                case "thinking", "redacted_thinking", "document":
                    continue
                case let other:
                    throw .invalidValue(blockFields.param("type"), "'\(other)' is not a supported content block type.")
                }
            }
            chatMessages += toolResults
            if !parts.isEmpty || !toolCalls.isEmpty {
                var chat: JSONObject = ["role": .string(role)]
                chat["content"] = parts.isEmpty ? .null : .array(parts)
                if !toolCalls.isEmpty { chat["tool_calls"] = .array(toolCalls) }
                chatMessages.append(.object(chat))
            }
        }
        var chat: JSONObject = ["model": .string(model), "messages": .array(chatMessages), "max_tokens": .integer(maxTokens)]
        if let temperature { chat["temperature"] = .number(temperature) }
        if let topP { chat["top_p"] = .number(topP) }
        let stops = try fields.array("stop_sequences") ?? []
        if !stops.isEmpty { chat["stop"] = .array(stops) }
        var tools: [JSON] = []
        for (index, tool) in (try fields.array("tools") ?? []).enumerated() {
            let toolFields = try RequestFields(tool, path: "tools.\(index)")
            var function: JSONObject = ["name": .string(try toolFields.requiredString("name"))]
            if let description = try toolFields.string("description") { function["description"] = .string(description) }
            function["parameters"] = toolFields.value("input_schema") ?? ["type": "object", "properties": [:]]
            tools.append(["type": "function", "function": .object(function)])
        }
        if !tools.isEmpty { chat["tools"] = .array(tools) }
        if let choice = try fields.fields("tool_choice") {
            switch try choice.choice("type", among: ["auto", "any", "tool", "none"]) {
            case "any": chat["tool_choice"] = "required"
            case "none": chat["tool_choice"] = "none"
            case "tool": chat["tool_choice"] = ["type": "function", "function": ["name": .string(try choice.requiredString("name"))]]
            default: chat["tool_choice"] = "auto"
            }
            if try choice.bool("disable_parallel_tool_use") == true { chat["parallel_tool_calls"] = false }
        }
        if stream {
            chat["stream"] = true
            chat["stream_options"] = ["include_usage": true]
        }
        return (chat, stream)
    }

    /// An engine's refusal of the translated chat request, naming the Anthropic fields the client
    /// sent instead of the chat fields it never saw: `tools[N].function.parameters` is the tool's
    /// `tools.N.input_schema`.
    static func renamingChatFields(_ error: GatewayError) -> GatewayError {
        var renamed = error
        let pattern = /tools\[(\d+)\]\.function\.parameters/
        renamed.message = error.message.replacing(pattern) { "tools.\($0.1).input_schema" }
        renamed.param = error.param.map { $0.replacing(pattern) { "tools.\($0.1).input_schema" } }
        return renamed
    }

    /// A system prompt or tool result: a string or a list of text blocks.
    static func text(of value: JSON, path: String) throws(InvalidRequest) -> String {
        switch value {
        case .string(let text): return text
        case .array(let blocks):
            var texts: [String] = []
            for block in blocks {
                if let text = block["text"]?.stringValue { texts.append(text) }
            }
            return texts.joined(separator: "\n")
        default:
            throw .wrongType(path, expected: "a string or an array of text blocks", got: value)
        }
    }
}

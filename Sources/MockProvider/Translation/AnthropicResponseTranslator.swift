import ConformJSON

/// Translates chat completions back into Anthropic messages: whole replies, and streams chunk by
/// chunk into the message_start ... message_stop event lifecycle.
enum AnthropicResponseTranslator {
    static func messageID(fromChatID id: String?) -> String {
        "msg_" + (id.map { $0.hasPrefix("chatcmpl-") ? String($0.dropFirst(9)) : $0 } ?? "0")
    }

    static func toolUseID(fromCallID id: String) -> String {
        "toolu_" + (id.hasPrefix("call_") ? String(id.dropFirst(5)) : id)
    }

    static func stopReason(_ finishReason: String?) -> JSON {
        switch finishReason {
        case "length": "max_tokens"
        case "tool_calls", "function_call": "tool_use"
        case nil: .null
        default: "end_turn"
        }
    }

    static func message(fromChat chat: JSON, model: String) -> JSON {
        let choice = chat["choices"]?[0]
        var content: [JSON] = []
        if let text = choice?["message"]?["content"]?.stringValue, !text.isEmpty {
            content.append(["type": "text", "text": .string(text)])
        }
        for call in choice?["message"]?["tool_calls"]?.arrayValue ?? [] {
            let arguments = call["function"]?["arguments"]?.stringValue ?? "{}"
            content.append([
                "type": "tool_use", "id": .string(toolUseID(fromCallID: call["id"]?.stringValue ?? "")),
                "name": call["function"]?["name"] ?? "", "input": (try? JSON(parsing: arguments)) ?? [:],
            ])
        }
        return [
            "id": .string(messageID(fromChatID: chat["id"]?.stringValue)), "type": "message", "role": "assistant",
            "model": .string(model), "content": .array(content),
            "stop_reason": stopReason(choice?["finish_reason"]?.stringValue), "stop_sequence": .null,
            "usage": [
                "input_tokens": chat["usage"]?["prompt_tokens"] ?? 0, "output_tokens": chat["usage"]?["completion_tokens"] ?? 0,
            ],
        ]
    }
}

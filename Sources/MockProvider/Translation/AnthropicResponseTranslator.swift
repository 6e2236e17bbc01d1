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

    /// Anthropic's `stop_reason` and `stop_sequence` for a chat choice's `finish_reason` and the
    /// stop sequence it ended on (vLLM's `stop_reason`, a string when a stop sequence matched).
    static func stop(_ finishReason: String?, matched: JSON?) -> (reason: JSON, sequence: JSON) {
        switch finishReason {
        case "length": ("max_tokens", .null)
        case "tool_calls", "function_call": ("tool_use", .null)
        case nil: (.null, .null)
        default:
            if let sequence = matched?.stringValue { ("stop_sequence", .string(sequence)) } else { ("end_turn", .null) }
        }
    }

    static func message(fromChat chat: JSON, model: String) -> JSON {
        let choice = chat["choices"]?[0]
        let stop = stop(choice?["finish_reason"]?.stringValue, matched: choice?["stop_reason"])
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
            "stop_reason": stop.reason, "stop_sequence": stop.sequence,
            "usage": [
                "input_tokens": chat["usage"]?["prompt_tokens"] ?? 0, "output_tokens": chat["usage"]?["completion_tokens"] ?? 0,
            ],
        ]
    }
}

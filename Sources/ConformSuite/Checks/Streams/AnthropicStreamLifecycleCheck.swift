import ConformContract
import ConformJSON

/// `stream.anthropic-lifecycle`: an Anthropic Messages stream names every event, and runs
/// message_start, then content blocks (start, deltas, stop, indices counting from 0), then
/// message_delta (with its usage) and message_stop, with ping allowed anywhere.
public struct AnthropicStreamLifecycleCheck: EventStreamCheck {
    public let descriptor = CheckDescriptor(
        name: "stream.anthropic-lifecycle", level: .must,
        summary:
            "Events are named like their data type and run message_start, content blocks, message_delta (with usage.output_tokens), message_stop; ping anywhere.",
        source:
            "Anthropic Messages API, Streaming: \"Each stream uses the following event flow: message_start, content blocks (content_block_start, content_block_delta, content_block_stop), message_delta, message_stop\"; ping events may be dispersed throughout."
    )

    public init() {}

    public func makeEvaluator(for context: CheckContext) -> any CheckEvaluator {
        Evaluator()
    }

    enum Phase: Equatable {
        case awaitingStart
        case betweenBlocks
        case inBlock(Int64)
        case afterDelta
        case stopped(Int)
    }

    struct Evaluator: CheckEvaluator {
        var failure = StreamFailure()
        var phase = Phase.awaitingStart
        var nextBlock: Int64 = 0
        var lastType = "none"

        mutating func observe(_ event: StreamEvent) {
            guard !failure.hasFailed else { return }
            if case .stopped(let stopAt) = phase {
                // A trailing data-only [DONE] is harmless to Anthropic clients.
                if event.data == "[DONE]" && event.name == nil { return }
                return failure.record(
                    "event \(event.index) ('\(event.name ?? event.dataPreview)') arrives after message_stop (event \(stopAt))")
            }
            guard let data = event.json, let type = data["type"]?.stringValue else {
                return failure.record("event \(event.index) data is not a JSON object with a type: '\(event.dataPreview)'")
            }
            guard let name = event.name else {
                return failure.record("event \(event.index) (\(type)) has no event: line; Anthropic clients skip unnamed events")
            }
            guard name == type else {
                return failure.record("event \(event.index) is named '\(name)' but its data type is '\(type)'")
            }
            if type == "ping" { return }
            if type == "error" {
                return failure.record("event \(event.index) is an error: \(JSONDiff.preview(data["error"] ?? data))")
            }
            advance(type, data, event.index)
            lastType = type
        }

        private mutating func advance(_ type: String, _ data: JSON, _ index: Int) {
            let blockIndex = data["index"]?.integerValue
            switch (phase, type) {
            case (.awaitingStart, "message_start"):
                phase = .betweenBlocks
            case (.awaitingStart, _):
                failure.record("event \(index) is \(type), but the stream must open with message_start")
            case (.betweenBlocks, "content_block_start"):
                guard blockIndex == nextBlock else {
                    return failure.record(
                        "event \(index) starts content block \(blockIndex.map(String.init) ?? "without an index"), expected index \(nextBlock)"
                    )
                }
                phase = .inBlock(nextBlock)
            case (.inBlock(let open), "content_block_delta"), (.inBlock(let open), "content_block_stop"):
                guard blockIndex == open else {
                    return failure.record(
                        "event \(index) (\(type)) names block \(blockIndex.map(String.init) ?? "none"), but block \(open) is open"
                    )
                }
                if type == "content_block_stop" {
                    nextBlock = open + 1
                    phase = .betweenBlocks
                }
            case (.inBlock(let open), "message_delta"), (.inBlock(let open), "message_stop"):
                failure.record("event \(index) is \(type) while content block \(open) is still open (no content_block_stop)")
            case (.betweenBlocks, "content_block_delta"), (.betweenBlocks, "content_block_stop"):
                failure.record(
                    "event \(index) is \(type) for block \(blockIndex.map(String.init) ?? "none"), but no content block is open")
            case (.betweenBlocks, "message_delta"), (.afterDelta, "message_delta"):
                // The SDK's accumulator reads the final output token count from here.
                guard data["usage"]?["output_tokens"]?.integerValue != nil else {
                    return failure.record(
                        "event \(index) (message_delta) has no usage.output_tokens integer; the anthropic SDK's messages.stream() reads the final usage from it")
                }
                phase = .afterDelta
            case (.afterDelta, "message_stop"):
                phase = .stopped(index)
            case (.betweenBlocks, "message_stop"):
                failure.record("event \(index) is message_stop without a message_delta before it")
            case (_, "message_start"):
                failure.record("event \(index) is a second message_start")
            case (.afterDelta, _) where type.hasPrefix("content_block"):
                failure.record("event \(index) is \(type) after message_delta")
            default:
                // Anthropic may add event types; clients must handle unknown ones gracefully.
                break
            }
        }

        mutating func conclude(_ response: ObservedResponse) -> CheckResult {
            if let notAStream = response.notAStream { return .fail(notAStream) }
            return failure.verdict {
                if case .stopped = phase { return nil }
                return "the stream ended without message_stop (last event: \(lastType))\(response.streamEndingNote)"
            }
        }
    }
}

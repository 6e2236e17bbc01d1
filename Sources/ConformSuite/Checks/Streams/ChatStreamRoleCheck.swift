import ConformContract
import ConformJSON

/// `stream.chat-role`: every choice of a streamed chat completion gets `delta.role: assistant`
/// (the API sends it on the choice's first chunk). The openai Node SDK's `stream()` helper throws
/// "missing role for choice N" when a choice never gets one.
public struct ChatStreamRoleCheck: EventStreamCheck {
    public let descriptor = CheckDescriptor(
        name: "stream.chat-role", level: .must,
        summary: "Each streamed choice gets delta.role \"assistant\", on its first chunk as the API sends it.",
        source:
            "OpenAI API, chat completion chunk: delta.role \"The role of the author of this message\", sent on a choice's first chunk; openai-node ChatCompletionStream throws \"missing role for choice\" without it."
    )

    public init() {}

    public func misuse(in fixture: Fixture) -> String? {
        fixture.endpoint == .chat ? (fixture.expectation.stream == nil ? "needs expect.stream" : nil) : "applies to chat streams only"
    }

    public func makeEvaluator(for context: CheckContext) -> any CheckEvaluator {
        Evaluator()
    }

    struct Evaluator: CheckEvaluator {
        var failure = StreamFailure()
        /// The choices seen, and whether each got its role.
        var roles: [Int64: Bool] = [:]
        var order: [Int64] = []

        mutating func observe(_ event: StreamEvent) {
            guard !failure.hasFailed else { return }
            for choice in event.json?["choices"]?.arrayValue ?? [] {
                guard let index = choice["index"]?.integerValue else { continue }
                if roles[index] == nil {
                    roles[index] = false
                    order.append(index)
                }
                guard let role = choice["delta"]?["role"], !role.isNull else { continue }
                guard role == "assistant" else {
                    return failure.record("event \(event.index): choice \(index) has delta.role \(role), not \"assistant\"")
                }
                roles[index] = true
            }
        }

        mutating func conclude(_ response: ObservedResponse) -> CheckResult {
            if let notAStream = response.notAStream { return .fail(notAStream) }
            return failure.verdict {
                guard !order.isEmpty else { return "no chunk carried a choice" }
                guard let missing = order.first(where: { roles[$0] == false }) else { return nil }
                return "choice \(missing) never got delta.role \"assistant\"; the openai Node SDK's stream() helper throws \"missing role for choice \(missing)\""
            }
        }
    }
}

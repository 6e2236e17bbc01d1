import ConformJSON
import ConformSchema

/// Every named check, looked up by the names fixtures use. Some checks run because an
/// expectation member is set (`status`, `content-type`, `headers`, `schema` with `schema.letter`, `json`, `text`, `golden`);
/// the others run because a fixture lists them in `expect.checks`.
public struct CheckCatalog: Sendable {
    /// All checks in documentation order.
    public let checks: [any Check]
    private let byName: [String: any Check]

    /// The checks an expectation member switches on, so fixtures never list them.
    public static let expectationCheckNames: Set<String> = ["status", "content-type", "headers", "schema", "schema.letter", "json", "text", "golden"]

    public init(checks: [any Check]) {
        self.checks = checks
        var byName: [String: any Check] = [:]
        for check in checks { byName[check.descriptor.name] = check }
        self.byName = byName
    }

    /// The checks conform ships.
    public static let standard = CheckCatalog(checks: [
        StatusCheck(), ContentTypeCheck(), HeadersMatchCheck(), SchemaCheck.clientRules, SchemaCheck.letter, JSONMatchCheck(), TextMatchCheck(), GoldenCheck(),
        RerankSortedDescendingCheck(), RerankIndicesValidCheck(), RerankTopNCheck(), RerankDocumentsEchoedCheck(),
        EmbeddingsCountMatchesCheck(), EmbeddingsBase64Float32Check(), EmbeddingsDimensionsCheck(), UsageTotalsCheck(),
        ChatToolCallsCheck(), AnthropicToolUseCheck(), ResponsesFunctionCallsCheck(),
        StructuredOutputCheck(), ChoicesCountCheck(), StopSequencesCheck(), OutputTokenLimitCheck(), ChatLogprobsCheck(),
        OpenAIStreamGrammarCheck(), ChatStreamRoleCheck(), AnthropicStreamLifecycleCheck(), ResponsesStreamSequenceCheck(),
        StreamIncrementalCheck(),
        ImageValidPNGCheck(), AudioValidContainerCheck(),
        AuthRequiredCheck(), OpenAIErrorEnvelopeCheck(), AnthropicErrorEnvelopeCheck(),
        ProxyQueryKeptCheck(), ProxyClientKeyStrippedCheck(), ProxyMethodKeptCheck(), ProxyPathKeptCheck(), ProxyBodyKeptCheck(),
        ProxyHeadersKeptCheck(), ProxyBytesRelayedCheck(),
    ])

    public func check(named name: String) -> (any Check)? {
        byName[name]
    }

    public var names: [String] { checks.map(\.descriptor.name) }

    /// The known name closest to `name`, for "did you mean" hints.
    public func suggestion(for name: String) -> String? {
        NameSuggestions.closest(to: name, among: names, limit: 1).first
    }
}

/// A kind of client that depends on part of the contract: what a report's readiness table is
/// about. Fixtures tag each case with the clients that break when it fails (`clients` in the
/// fixture), so a run can say, per client, whether the server is ready for it.
public enum ClientProfile: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case openaiSDK = "openai-sdk"
    case openaiSDKStreaming = "openai-sdk-streaming"
    case anthropicSDK = "anthropic-sdk"
    case anthropicSDKStreaming = "anthropic-sdk-streaming"
    case chatAgents = "chat-agents"
    case messagesAgents = "messages-agents"
    case responsesAgents = "responses-agents"
    case rag
    case proxyClients = "proxy-clients"

    /// The client's name as a report shows it.
    public var title: String {
        switch self {
        case .openaiSDK: "openai SDK"
        case .openaiSDKStreaming: "openai SDK streaming"
        case .anthropicSDK: "anthropic SDK"
        case .anthropicSDKStreaming: "anthropic SDK streaming"
        case .chatAgents: "agents on chat"
        case .messagesAgents: "agents on /v1/messages"
        case .responsesAgents: "agents on /v1/responses"
        case .rag: "RAG stacks"
        case .proxyClients: "generic-proxy clients"
        }
    }

    /// Who the client is, in one line.
    public var summary: String {
        switch self {
        case .openaiSDK:
            "The official openai SDKs (Python, Node) making plain calls: models, completions, chat, responses, embeddings, images, audio."
        case .openaiSDKStreaming:
            "The openai SDKs' streaming: create(stream=True), chat.completions.stream(), responses.stream()."
        case .anthropicSDK: "The official anthropic SDK's messages.create() against /v1/messages."
        case .anthropicSDKStreaming: "The anthropic SDK's messages.stream() and create(stream=True)."
        case .chatAgents:
            "Tool-calling agents on /v1/chat/completions: LangChain, LlamaIndex, the OpenAI Agents SDK's chat model, structured output."
        case .messagesAgents: "Agents on /v1/messages: Claude Code and the Claude Agent SDK (tools, streaming, beta headers)."
        case .responsesAgents: "Agents on /v1/responses: the OpenAI Agents SDK, Codex-style clients (function calls, streamed events)."
        case .rag: "Retrieval stacks on embeddings and rerank: LangChain, LlamaIndex, Dify."
        case .proxyClients: "Clients of engines behind the generic proxy (TEI, custom APIs), by route id or X-GPUStack-Model."
        }
    }

    public static func < (lhs: ClientProfile, rhs: ClientProfile) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

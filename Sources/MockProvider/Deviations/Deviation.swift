/// A deliberate break of exactly one contract rule, switched on with `--deviate NAME`, so that
/// clients and conformance tools can prove they notice it. Each is a small, isolated switch.
public enum Deviation: String, Sendable, Hashable, CaseIterable {
    case rerankUnsorted = "rerank-unsorted"
    case rerankIgnoreTopN = "rerank-ignore-top-n"
    case rerankDropDocuments = "rerank-drop-documents"
    case rerankBadIndex = "rerank-bad-index"
    case chatDropCreated = "chat-drop-created"
    case openAIStreamNoDone = "openai-stream-no-done"
    case openAIStreamNoUsageChunk = "openai-stream-no-usage-chunk"
    case anthropicStreamNoMessageStop = "anthropic-stream-no-message-stop"
    case responsesSequenceRepeats = "responses-sequence-repeats"
    case authDisabled = "auth-disabled"
    case proxyDropQuery = "proxy-drop-query"
    case proxyLeakAuth = "proxy-leak-auth"
    case embeddingsDropOne = "embeddings-drop-one"
    case embeddingsBase64Float64 = "embeddings-base64-float64"
    case usageWrongTotal = "usage-wrong-total"
    case errorEnvelopePartial = "error-envelope-partial"
    case anthropicErrorOpenAIShape = "anthropic-error-openai-shape"
    case imageCorruptPNG = "image-corrupt-png"
    case speechCorruptWAV = "speech-corrupt-wav"
    case jsonAsTextPlain = "json-as-text-plain"
    case unknownModelOK = "unknown-model-ok"

    /// What the mock does wrong under this switch.
    public var summary: String {
        switch self {
        case .rerankUnsorted: "rerank results come back in document order, not by relevance"
        case .rerankIgnoreTopN: "rerank returns every document whatever top_n says"
        case .rerankDropDocuments: "rerank results carry no document even when return_documents is true"
        case .rerankBadIndex: "one rerank result carries an index past the last document"
        case .chatDropCreated: "chat completions and their chunks lack 'created'"
        case .openAIStreamNoDone: "chat and completion streams end without 'data: [DONE]'"
        case .openAIStreamNoUsageChunk: "stream_options.include_usage is ignored: no usage chunk"
        case .anthropicStreamNoMessageStop: "Anthropic message streams end without message_stop"
        case .responsesSequenceRepeats: "Responses stream events repeat a sequence_number instead of rising"
        case .authDisabled: "requests are served without checking the API key"
        case .proxyDropQuery: "the generic proxy drops the query string"
        case .proxyLeakAuth: "the generic proxy forwards the client's Authorization header upstream"
        case .embeddingsDropOne: "embeddings return one vector fewer than inputs"
        case .embeddingsBase64Float64: "base64 embeddings hold float64 instead of float32"
        case .usageWrongTotal: "usage.total_tokens is one more than its parts"
        case .errorEnvelopePartial: "OpenAI error envelopes lack 'param' and 'code'"
        case .anthropicErrorOpenAIShape: "/v1/messages errors use the OpenAI envelope"
        case .imageCorruptPNG: "generated PNGs carry a wrong IHDR CRC"
        case .speechCorruptWAV: "generated WAV files carry a wrong RIFF size"
        case .jsonAsTextPlain: "JSON responses are labelled Content-Type: text/plain"
        case .unknownModelOK: "an unknown model is served by a model of the right kind instead of 404"
        }
    }
}

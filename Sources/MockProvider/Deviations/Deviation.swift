import ConformContract

/// A deliberate break of exactly one contract rule, switched on with `--deviate NAME`, so that
/// clients and conformance tools can prove they notice it. Each is a rewrite of the exchange
/// (``rewrite(models:acceptedKey:)``), and each has the level of the rule it breaks: a must-level
/// deviation breaks a client or a documented rule, and a default `conform run` fails on it; a
/// should-level one breaks only the letter of a specification, and is reported without failing it.
public enum Deviation: String, Sendable, Hashable, CaseIterable {
    case rerankUnsorted = "rerank-unsorted"
    case rerankIgnoreTopN = "rerank-ignore-top-n"
    case rerankDropDocuments = "rerank-drop-documents"
    case rerankDocumentsAlways = "rerank-documents-always"
    case rerankBadIndex = "rerank-bad-index"
    case chatDropCreated = "chat-drop-created"
    case chatDropNullableKeys = "chat-drop-nullable-keys"
    case openAIStreamNoDone = "openai-stream-no-done"
    case openAIStreamNoUsageChunk = "openai-stream-no-usage-chunk"
    case anthropicStreamNoMessageStop = "anthropic-stream-no-message-stop"
    case anthropicStreamUnnamed = "anthropic-stream-unnamed"
    case anthropicStreamAsJSON = "anthropic-stream-as-json"
    case messagesXAPIKeyRefused = "messages-x-api-key-refused"
    case responsesSequenceRepeats = "responses-sequence-repeats"
    case responsesStreamNoCompleted = "responses-stream-no-completed"
    case authDisabled = "auth-disabled"
    case proxyDropQuery = "proxy-drop-query"
    case proxyLeakAuth = "proxy-leak-auth"
    case embeddingsDropOne = "embeddings-drop-one"
    case embeddingsBase64Float64 = "embeddings-base64-float64"
    case embeddingsBase64Ignored = "embeddings-base64-ignored"
    case usageWrongTotal = "usage-wrong-total"
    case errorEnvelopePartial = "error-envelope-partial"
    case anthropicErrorOpenAIShape = "anthropic-error-openai-shape"
    case imageCorruptPNG = "image-corrupt-png"
    case speechCorruptWAV = "speech-corrupt-wav"
    case transcriptionTextAsJSON = "transcription-text-as-json"
    case jsonAsTextPlain = "json-as-text-plain"
    case unknownModelOK = "unknown-model-ok"
    case unknownModelServerError = "unknown-model-500"
    case toolsDropped = "tools-dropped"
    case toolCallDeltasWithoutIndex = "tool-call-deltas-without-index"
    case toolCallArgumentsTruncated = "tool-call-arguments-truncated"
    case anthropicToolUseAsText = "anthropic-tool-use-as-text"
    case anthropicToolInputAsTextDelta = "anthropic-tool-input-as-text-delta"
    case anthropicMessageDeltaNoUsage = "anthropic-message-delta-no-usage"
    case responsesFunctionCallAsMessage = "responses-function-call-as-message"
    case responseFormatIgnored = "response-format-ignored"
    case nIgnored = "n-ignored"
    case stopIgnored = "stop-ignored"
    case maxTokensIgnored = "max-tokens-ignored"
    case logprobsIgnored = "logprobs-ignored"
    case dimensionsIgnored = "dimensions-ignored"
    case streamRoleMissing = "stream-role-missing"
    case streamBuffered = "stream-buffered"
    case errorTypeNone = "error-type-none"
    case bearerCaseSensitive = "bearer-case-sensitive"
    case proxyHeaderFormNeedsBody = "proxy-header-form-needs-body"
    case proxyHeadersDropped = "proxy-headers-dropped"
    case proxyBytesReencoded = "proxy-bytes-reencoded"
    case proxyUpstreamErrorsMasked = "proxy-upstream-errors-masked"
    case proxyResponseHeadersDropped = "proxy-response-headers-dropped"

    /// What the mock does wrong under this switch.
    public var summary: String {
        switch self {
        case .rerankUnsorted: "rerank results come back in document order, not by relevance"
        case .rerankIgnoreTopN: "rerank returns every document whatever top_n says"
        case .rerankDropDocuments: "rerank results carry no document even when return_documents is true"
        case .rerankDocumentsAlways: "rerank results echo their documents even when return_documents is false"
        case .rerankBadIndex: "one rerank result carries an index past the last document"
        case .chatDropCreated: "chat completions and their chunks lack 'created'"
        case .chatDropNullableKeys: "chat completions leave out the null 'logprobs' and 'refusal' the spec requires"
        case .openAIStreamNoDone: "chat and completion streams end without 'data: [DONE]'"
        case .openAIStreamNoUsageChunk: "stream_options.include_usage is ignored: no usage chunk"
        case .anthropicStreamNoMessageStop: "Anthropic message streams end without message_stop"
        case .anthropicStreamUnnamed: "Anthropic message streams send data-only events, without 'event:' lines"
        case .anthropicStreamAsJSON: "a streamed /v1/messages request is answered with the whole message as JSON"
        case .messagesXAPIKeyRefused: "/v1/messages refuses a key sent as x-api-key, as the Anthropic SDKs send it"
        case .responsesSequenceRepeats: "Responses stream events repeat a sequence_number instead of rising"
        case .responsesStreamNoCompleted: "Responses streams end without response.completed"
        case .authDisabled: "requests are served without checking the API key"
        case .proxyDropQuery: "the generic proxy drops the query string"
        case .proxyLeakAuth: "the generic proxy forwards the client's Authorization header upstream"
        case .embeddingsDropOne: "embeddings return one vector fewer than inputs"
        case .embeddingsBase64Float64: "base64 embeddings hold float64 instead of float32"
        case .embeddingsBase64Ignored: "encoding_format base64 is ignored: embeddings come back as float arrays"
        case .usageWrongTotal: "usage.total_tokens is one more than its parts"
        case .errorEnvelopePartial: "OpenAI error envelopes lack 'param' and 'code'"
        case .anthropicErrorOpenAIShape: "/v1/messages errors use the OpenAI envelope"
        case .imageCorruptPNG: "generated PNGs carry a wrong IHDR CRC"
        case .speechCorruptWAV: "generated WAV files carry a wrong RIFF size"
        case .transcriptionTextAsJSON: "a transcription asked for as response_format text is answered as JSON"
        case .jsonAsTextPlain: "JSON responses are labelled Content-Type: text/plain"
        case .unknownModelOK: "an unknown model is served by a model of the right kind instead of 404"
        case .unknownModelServerError: "an unknown model is answered 500, which clients retry as a server fault"
        case .toolsDropped: "tools and tool_choice never reach the model: a tool call is answered in text"
        case .toolCallDeltasWithoutIndex: "streamed chat tool-call deltas lack their index"
        case .toolCallArgumentsTruncated: "chat tool-call arguments lose their last character, so they are not JSON"
        case .anthropicToolUseAsText: "/v1/messages tool_use blocks are turned into text, ending with end_turn"
        case .anthropicToolInputAsTextDelta: "a streamed tool_use's input arrives as text_delta instead of input_json_delta"
        case .anthropicMessageDeltaNoUsage: "the Anthropic message_delta event carries no usage"
        case .responsesFunctionCallAsMessage: "Responses function_call items are turned into messages"
        case .responseFormatIgnored: "response_format and text.format never reach the model: structured output is plain text"
        case .nIgnored: "n is ignored: one choice whatever n says"
        case .stopIgnored: "stop and stop_sequences are ignored"
        case .maxTokensIgnored: "output token limits are dropped or raised to 4096 on their way to the model"
        case .logprobsIgnored: "logprobs and top_logprobs are ignored"
        case .dimensionsIgnored: "embedding dimensions are ignored: full-length vectors come back"
        case .streamRoleMissing: "streamed chat chunks never carry delta.role"
        case .streamBuffered: "event streams are held back and sent all at once at the end, as a buffering proxy does"
        case .errorTypeNone: "OpenAI error envelopes say \"type\": \"None\""
        case .bearerCaseSensitive: "the Bearer scheme is matched case-sensitively: 'bearer KEY' is refused"
        case .proxyHeaderFormNeedsBody: "the header form of the generic proxy finds no model for a request without a JSON body"
        case .proxyHeadersDropped: "the generic proxy drops the client's own X- headers"
        case .proxyBytesReencoded: "the generic proxy rewrites CRLF line ends in upstream answers that are not JSON"
        case .proxyUpstreamErrorsMasked: "the generic proxy answers 502 for any upstream error status"
        case .proxyResponseHeadersDropped: "the generic proxy drops the upstream's own X- response headers"
        }
    }

    /// How binding the broken rule is: `must` when a client breaks on it or the GPUStack docs
    /// state it, `should` when only the letter of an upstream specification does.
    public var level: RequirementLevel {
        switch self {
        case .chatDropCreated, .chatDropNullableKeys, .usageWrongTotal, .errorEnvelopePartial, .anthropicErrorOpenAIShape,
            .jsonAsTextPlain, .proxyLeakAuth, .errorTypeNone:
            .should
        default:
            .must
        }
    }
}

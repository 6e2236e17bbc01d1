import ConformJSON

/// `POST /v1/completions`: legacy text completions for one or several prompts (text or token
/// ids), with `n`, `echo`, stop sequences, the legacy default of 16 tokens, and streaming.
struct CompletionsEndpoint {
    let worker: DeterministicWorker

    /// The default `max_tokens` of the legacy completions API.
    static let defaultMaxTokens = 16

    func respond(to body: JSON) throws(InvalidRequest) -> WorkerResponse {
        let fields = try RequestFields(body)
        let model = try worker.checkModel(fields)
        let prompts = try Self.prompts(fields)
        let maxTokens = Int(try fields.integer("max_tokens", in: 0...Int64(Int32.max)) ?? Int64(Self.defaultMaxTokens))
        let perPrompt = Int(try fields.integer("n", in: 1...128) ?? 1)
        let echo = try fields.bool("echo") ?? false
        let stop = try fields.stopSequences()
        _ = try fields.number("temperature", in: 0...2)
        _ = try fields.number("top_p", in: 0...1)
        _ = try fields.integer("logprobs", in: 0...5)
        _ = try fields.integer("best_of", in: 0...20)
        let (stream, includeUsage) = try fields.streaming()
        let derivation = worker.derivation("completions", fields)
        var texts: [(text: String, pieces: [String], finish: String, tokens: Int)] = []
        for (promptIndex, prompt) in prompts.enumerated() {
            for choice in 0..<perPrompt {
                var random = derivation.random(UInt64(promptIndex * perPrompt + choice))
                let reply =
                    worker.script?.text.map { GeneratedReply(scripted: $0, maxTokens: maxTokens, stop: stop) }
                    ?? GeneratedReply(random: &random, maxTokens: maxTokens, stop: stop)
                let prefix = echo ? prompt.text : ""
                texts.append((prefix + reply.text, (prefix.isEmpty ? [] : [prefix]) + reply.pieces, reply.finishReason.rawValue, reply.tokens))
            }
        }
        let promptTokens = prompts.reduce(0) { $0 + $1.tokens }
        let completionTokens = texts.reduce(0) { $0 + $1.tokens }
        let usage: JSON = [
            "prompt_tokens": .integer(Int64(promptTokens)), "completion_tokens": .integer(Int64(completionTokens)),
            "total_tokens": .integer(Int64(promptTokens + completionTokens)),
        ]
        let id = derivation.identifier("cmpl-")
        let created = JSON.integer(worker.settings.clock.now)
        func envelope(_ choices: [JSON]) -> JSONObject {
            ["id": .string(id), "object": "text_completion", "created": created, "model": .string(model), "choices": .array(choices)]
        }
        func choice(_ index: Int, _ text: String, _ finish: String?) -> JSON {
            ["index": .integer(Int64(index)), "text": .string(text), "logprobs": .null, "finish_reason": finish.map(JSON.string) ?? .null]
        }
        guard stream else {
            var object = envelope(texts.enumerated().map { choice($0, $1.text, $1.finish) })
            object["usage"] = usage
            return .json(.object(object))
        }
        var events: [PlannedEvent] = []
        for (index, text) in texts.enumerated() {
            for piece in text.pieces {
                var object = envelope([choice(index, piece, nil)])
                if includeUsage { object["usage"] = .null }
                events.append(PlannedEvent(.json(.object(object)), carriesToken: true))
            }
            var final = envelope([choice(index, "", text.finish)])
            if includeUsage { final["usage"] = .null }
            events.append(PlannedEvent(.json(.object(final))))
        }
        if includeUsage {
            var object = envelope([])
            object["usage"] = usage
            events.append(PlannedEvent(.json(.object(object))))
        }
        events.append(PlannedEvent(.done))
        return WorkerResponse(body: .events(PacedEventStream.make(events, pace: worker.pace, seed: derivation.seed)))
    }

    /// One prompt: its text (token ids are shown as numbers) and its token count.
    struct Prompt {
        var text: String
        var tokens: Int
    }

    /// `prompt` as a string, a list of strings, a list of token ids or a list of such lists.
    static func prompts(_ fields: RequestFields) throws(InvalidRequest) -> [Prompt] {
        let value = try fields.required("prompt")
        func tokenIDs(_ elements: [JSON], path: String) throws(InvalidRequest) -> Prompt {
            var ids: [String] = []
            for (index, element) in elements.enumerated() {
                guard let id = element.integerValue, id >= 0 else {
                    throw .wrongType("\(path)[\(index)]", expected: "a non-negative integer", got: element)
                }
                ids.append(String(id))
            }
            return Prompt(text: ids.joined(separator: " "), tokens: ids.count)
        }
        switch value {
        case .string(let text):
            return [Prompt(text: text, tokens: TokenCounter.count(text))]
        case .array(let elements) where elements.isEmpty:
            throw .invalidValue("prompt", "expected a non-empty array.")
        case .array(let elements) where elements.allSatisfy({ $0.integerValue != nil }):
            return [try tokenIDs(elements, path: "prompt")]
        case .array(let elements):
            var prompts: [Prompt] = []
            for (index, element) in elements.enumerated() {
                switch element {
                case .string(let text): prompts.append(Prompt(text: text, tokens: TokenCounter.count(text)))
                case .array(let ids): prompts.append(try tokenIDs(ids, path: "prompt[\(index)]"))
                default: throw .wrongType("prompt[\(index)]", expected: "a string or an array of token ids", got: element)
                }
            }
            return prompts
        default:
            throw .wrongType("prompt", expected: "a string or an array", got: value)
        }
    }
}

import ConformJSON

/// `POST /v1/chat/completions`: OpenAI chat completions, plain and streamed, with tool calls
/// (parallel ones too), JSON modes, `n` choices, stop sequences (named in vLLM's `stop_reason`),
/// `logprobs` with `top_logprobs`, and `stream_options.include_usage`.
struct ChatCompletionsEndpoint {
    let worker: DeterministicWorker

    /// A validated request.
    struct Request {
        var model: String
        var promptTokens: Int
        var lastTurnIsUser: Bool
        var maxTokens: Int?
        var choices: Int
        var stop: [String]
        var stream: Bool
        var includeUsage: Bool
        var tools: [ToolCallPlan.Tool]
        var toolChoice: ToolCallPlan.Choice
        var parallelToolCalls: Bool
        /// How many alternatives each token's logprobs list; nil when logprobs were not asked for.
        var topLogprobs: Int?
        /// The schema a JSON-mode reply satisfies, and where the request carries it.
        var responseFormat: (schema: JSON, param: String)?
    }

    func respond(to body: JSON) throws(InvalidRequest) -> WorkerResponse {
        let fields = try RequestFields(body)
        let request = try parse(fields)
        let derivation = worker.derivation("chat.completions", fields)
        var generator = JSONInstanceGenerator(limits: worker.settings.limits.generation)
        var replies: [Reply] = []
        for index in 0..<request.choices {
            replies.append(try reply(request, derivation.random(UInt64(index)), &generator))
        }
        let id = derivation.identifier("chatcmpl-")
        let created = JSON.integer(worker.settings.clock.now)
        let completionTokens = replies.reduce(0) { $0 + $1.tokens }
        let usage: JSON = [
            "prompt_tokens": .integer(Int64(request.promptTokens)),
            "completion_tokens": .integer(Int64(completionTokens)),
            "total_tokens": .integer(Int64(request.promptTokens + completionTokens)),
        ]
        if request.stream {
            return streamed(request, replies: replies, id: id, created: created, usage: usage, seed: derivation.seed)
        }
        let choices: [JSON] = replies.enumerated().map { index, reply in
            var message: JSONObject = ["role": "assistant"]
            if !reply.toolCalls.isEmpty {
                message["content"] = .null
                message["refusal"] = .null
                message["tool_calls"] = .array(
                    zip(reply.toolCalls, reply.toolCallIDs).map { call, id in
                        ["id": .string(id), "type": "function", "function": ["name": .string(call.name), "arguments": .string(call.arguments)]]
                    })
            } else {
                message["content"] = .string(reply.text.text)
                message["refusal"] = .null
            }
            return [
                "index": .integer(Int64(index)), "message": .object(message),
                "logprobs": reply.logprobs.map { ["content": .array($0), "refusal": .null] } ?? .null,
                "finish_reason": .string(reply.finishReason),
                "stop_reason": reply.text.stopSequence.map(JSON.string) ?? .null,
            ]
        }
        return .json([
            "id": .string(id), "object": "chat.completion", "created": created, "model": .string(request.model),
            "choices": .array(choices), "usage": usage,
        ])
    }

    /// One planned choice: text or tool calls.
    struct Reply {
        var text: GeneratedReply
        var toolCalls: [ToolCallPlan]
        var toolCallIDs: [String]
        /// One entry per token of the text, when logprobs were asked for.
        var logprobs: [JSON]?

        var finishReason: String { toolCalls.isEmpty ? text.finishReason.rawValue : "tool_calls" }
        var tokens: Int { toolCalls.isEmpty ? text.tokens : toolCalls.reduce(0) { $0 + $1.tokens } }
    }

    private func reply(_ request: Request, _ random: SeededRandom, _ generator: inout JSONInstanceGenerator) throws(InvalidRequest) -> Reply {
        var random = random
        let calls: [ToolCallPlan]
        if let scripted = ToolCallPlan.scripted(by: worker.script) {
            calls = scripted
        } else {
            calls = try ToolCallPlan.plan(
                tools: request.tools, choice: request.toolChoice, parallel: request.parallelToolCalls,
                lastTurnIsUser: request.lastTurnIsUser, random: &random, generator: &generator)
        }
        if !calls.isEmpty {
            let ids = calls.map { _ in
                "call_" + String(random.next(), radix: 16).leftPadded(to: 16) + String(random.next() >> 32, radix: 16).leftPadded(to: 8)
            }
            return Reply(text: GeneratedReply(pieces: [], finishReason: .toolCalls), toolCalls: calls, toolCallIDs: ids)
        }
        let text: GeneratedReply
        if let scripted = worker.script?.text {
            text = GeneratedReply(scripted: scripted, maxTokens: request.maxTokens, stop: request.stop)
        } else if let format = request.responseFormat {
            var draw = random
            let json = try generator.instance(of: format.schema, param: format.param, random: &draw).serializedString()
            text = GeneratedReply(pieces: Self.fragments(json), finishReason: .stop)
        } else {
            text = GeneratedReply(random: &random, maxTokens: request.maxTokens, stop: request.stop)
        }
        let logprobs = request.topLogprobs.map { top in text.pieces.map { Self.logprob(of: $0, top: top, &random) } }
        return Reply(text: text, toolCalls: [], toolCallIDs: [], logprobs: logprobs)
    }

    /// A token's log probability entry with `top` alternatives, the token itself the likeliest.
    static func logprob(of token: String, top: Int, _ random: inout SeededRandom) -> JSON {
        func entry(_ text: String, _ logprob: Double) -> JSON {
            ["token": .string(text), "logprob": .number(logprob), "bytes": .array(text.utf8.map { .integer(Int64($0)) })]
        }
        let logprob = -(random.unit() * 1.5)
        var alternatives: [JSON] = []
        var next = logprob
        for rank in 0..<top {
            if rank == 0 {
                alternatives.append(entry(token, logprob))
            } else {
                next -= 0.5 + random.unit() * 2
                alternatives.append(entry(" " + TextGenerator.vocabulary[random.below(TextGenerator.vocabulary.count)], next))
            }
        }
        var item = entry(token, logprob).objectValue!
        item["top_logprobs"] = .array(alternatives)
        return .object(item)
    }

    static func fragments(_ text: String) -> [String] {
        var fragments: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            fragments.append(String(rest.prefix(6)))
            rest = rest.dropFirst(6)
        }
        return fragments
    }

    private func streamed(
        _ request: Request, replies: [Reply], id: String, created: JSON, usage: JSON, seed: UInt64
    ) -> WorkerResponse {
        func chunk(_ choices: [JSON], usage: JSON? = nil) -> JSON {
            var object: JSONObject = [
                "id": .string(id), "object": "chat.completion.chunk", "created": created, "model": .string(request.model),
                "choices": .array(choices),
            ]
            if request.includeUsage { object["usage"] = usage ?? .null }
            return .object(object)
        }
        func choice(_ index: Int, _ delta: JSON, logprobs: JSON? = nil, finish: String? = nil, stopReason: String? = nil) -> JSON {
            var choice: JSONObject = [
                "index": .integer(Int64(index)), "delta": delta, "logprobs": logprobs.map { ["content": [$0]] } ?? .null,
                "finish_reason": finish.map(JSON.string) ?? .null,
            ]
            if finish != nil { choice["stop_reason"] = stopReason.map(JSON.string) ?? .null }
            return .object(choice)
        }
        var events: [PlannedEvent] = []
        for (index, reply) in replies.enumerated() {
            events.append(PlannedEvent(.json(chunk([choice(index, ["role": "assistant", "content": ""])]))))
            for (position, (call, id)) in zip(reply.toolCalls, reply.toolCallIDs).enumerated() {
                let opening: JSON = [
                    "tool_calls": [
                        [
                            "index": .integer(Int64(position)), "id": .string(id), "type": "function",
                            "function": ["name": .string(call.name), "arguments": ""],
                        ]
                    ]
                ]
                events.append(PlannedEvent(.json(chunk([choice(index, opening)])), carriesToken: true))
                for fragment in call.argumentFragments {
                    let delta: JSON = ["tool_calls": [["index": .integer(Int64(position)), "function": ["arguments": .string(fragment)]]]]
                    events.append(PlannedEvent(.json(chunk([choice(index, delta)])), carriesToken: true))
                }
            }
            for (position, piece) in reply.text.pieces.enumerated() where reply.toolCalls.isEmpty {
                let delta = choice(index, ["content": .string(piece)], logprobs: reply.logprobs?[position])
                events.append(PlannedEvent(.json(chunk([delta])), carriesToken: true))
            }
            events.append(
                PlannedEvent(.json(chunk([choice(index, [:], finish: reply.finishReason, stopReason: reply.text.stopSequence)]))))
        }
        if request.includeUsage {
            events.append(PlannedEvent(.json(chunk([], usage: usage))))
        }
        events.append(PlannedEvent(.done))
        return WorkerResponse(body: .events(PacedEventStream.make(events, pace: worker.pace, seed: seed)))
    }

    private func parse(_ fields: RequestFields) throws(InvalidRequest) -> Request {
        let model = try worker.checkModel(fields)
        guard let messages = try fields.array("messages") else { throw .missing("messages") }
        guard !messages.isEmpty else {
            throw InvalidRequest("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", param: "messages")
        }
        var promptTokens = 0
        var lastRole = ""
        for (index, message) in messages.enumerated() {
            let path = "messages[\(index)]"
            let entry = try RequestFields(message, path: path)
            guard let role = try entry.choice("role", among: ["system", "developer", "user", "assistant", "tool", "function"]) else {
                throw .missing(entry.param("role"))
            }
            lastRole = role
            let hasToolCalls = try entry.array("tool_calls").map { !$0.isEmpty } ?? false
            if let content = entry.value("content") {
                promptTokens += try Self.contentTokens(content, path: entry.param("content"))
            } else if role != "assistant" || !hasToolCalls {
                if role != "assistant" { throw .missing(entry.param("content")) }
            }
            for (callIndex, call) in (try entry.array("tool_calls") ?? []).enumerated() {
                let callFields = try RequestFields(call, path: "\(entry.param("tool_calls"))[\(callIndex)]")
                if let function = try callFields.fields("function") {
                    promptTokens += TokenCounter.count(try function.string("name") ?? "")
                    promptTokens += TokenCounter.count(try function.string("arguments") ?? "")
                }
            }
            if role == "tool", try entry.string("tool_call_id") == nil { throw .missing(entry.param("tool_call_id")) }
        }
        let legacyMaxTokens = try fields.integer("max_tokens", in: 1...Int64(Int32.max))
        let maxTokens = try fields.integer("max_completion_tokens", in: 1...Int64(Int32.max)) ?? legacyMaxTokens
        let choices = try fields.integer("n", in: 1...128) ?? 1
        _ = try fields.number("temperature", in: 0...2)
        _ = try fields.number("top_p", in: 0...1)
        _ = try fields.number("presence_penalty", in: -2...2)
        _ = try fields.number("frequency_penalty", in: -2...2)
        _ = try fields.integer("seed")
        let (stream, includeUsage) = try fields.streaming()
        let tools = try Self.tools(fields)
        let toolChoice = try Self.toolChoice(fields, tools: tools)
        let logprobs = try fields.bool("logprobs") ?? false
        let topLogprobs = try fields.integer("top_logprobs", in: 0...20)
        if topLogprobs != nil && !logprobs {
            throw .invalidValue("top_logprobs", "logprobs must be true when top_logprobs is set.")
        }
        return Request(
            model: model, promptTokens: promptTokens, lastTurnIsUser: lastRole == "user",
            maxTokens: maxTokens.map(Int.init), choices: Int(choices), stop: try fields.stopSequences(), stream: stream,
            includeUsage: includeUsage, tools: tools, toolChoice: toolChoice,
            parallelToolCalls: try fields.bool("parallel_tool_calls") ?? true, topLogprobs: logprobs ? Int(topLogprobs ?? 0) : nil,
            responseFormat: try Self.responseFormat(fields))
    }

    /// Tokens of a message's content: a string, or text parts (other parts are counted by their text fields).
    static func contentTokens(_ content: JSON, path: String) throws(InvalidRequest) -> Int {
        switch content {
        case .string(let text):
            return TokenCounter.count(text)
        case .array(let parts):
            var tokens = 0
            for (index, part) in parts.enumerated() {
                let partFields = try RequestFields(part, path: "\(path)[\(index)]")
                guard let type = try partFields.string("type") else { throw .missing(partFields.param("type")) }
                switch type {
                case "text", "input_text", "output_text":
                    tokens += TokenCounter.count(try partFields.requiredString("text"))
                case "image_url", "input_image", "input_audio", "file", "input_file", "refusal":
                    tokens += 1
                default:
                    throw .invalidValue(partFields.param("type"), "'\(type)' is not a supported content part type.")
                }
            }
            return tokens
        default:
            throw .wrongType(path, expected: "a string or an array of content parts", got: content)
        }
    }

    static func tools(_ fields: RequestFields) throws(InvalidRequest) -> [ToolCallPlan.Tool] {
        var tools: [ToolCallPlan.Tool] = []
        for (index, tool) in (try fields.array("tools") ?? []).enumerated() {
            let toolFields = try RequestFields(tool, path: "tools[\(index)]")
            guard try toolFields.choice("type", among: ["function"]) != nil else { throw .missing(toolFields.param("type")) }
            guard let function = try toolFields.fields("function") else { throw .missing(toolFields.param("function")) }
            let name = try function.requiredString("name")
            tools.append(
                ToolCallPlan.Tool(name: name, parameters: function.value("parameters") ?? .null, parametersParam: function.param("parameters")))
        }
        return tools
    }

    static func toolChoice(_ fields: RequestFields, tools: [ToolCallPlan.Tool]) throws(InvalidRequest) -> ToolCallPlan.Choice {
        guard let value = fields.value("tool_choice") else { return .auto }
        switch value {
        case .string("none"): return .none
        case .string("auto"): return .auto
        case .string("required"): return .required
        case .object:
            let choice = try RequestFields(value, path: "tool_choice")
            guard let function = try choice.fields("function") else { throw .missing("tool_choice.function") }
            let name = try function.requiredString("name")
            guard tools.contains(where: { $0.name == name }) else {
                throw .invalidValue("tool_choice", "no tool named '\(name)' is defined in 'tools'.")
            }
            return .named(name)
        default:
            throw .invalidValue("tool_choice", "expected 'none', 'auto', 'required' or a named function.")
        }
    }

    /// The schema a JSON-mode reply must satisfy; nil for plain text.
    static func responseFormat(_ fields: RequestFields) throws(InvalidRequest) -> (schema: JSON, param: String)? {
        guard let format = try fields.fields("response_format") else { return nil }
        switch try format.choice("type", among: ["text", "json_object", "json_schema"]) {
        case "json_object":
            return (["type": "object", "properties": ["answer": ["type": "string"]]], "response_format")
        case "json_schema":
            guard let schema = try format.fields("json_schema") else { throw .missing("response_format.json_schema") }
            _ = try schema.requiredString("name")
            return (schema.value("schema") ?? ["type": "object", "properties": [:]], schema.param("schema"))
        default:
            return nil
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

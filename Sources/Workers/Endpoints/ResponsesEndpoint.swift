import ConformJSON

/// `POST /v1/responses`: the OpenAI Responses API, plain and streamed as named events with a
/// rising `sequence_number`, with flat function tools and `max_output_tokens` (which ends a reply
/// as `incomplete`).
struct ResponsesEndpoint {
    let worker: DeterministicWorker

    func respond(to body: JSON) throws(InvalidRequest) -> WorkerResponse {
        let fields = try RequestFields(body)
        let model = try worker.checkModel(fields)
        let input = try fields.required("input")
        let instructions = try fields.string("instructions")
        var inputTokens = TokenCounter.count(instructions ?? "")
        var lastTurnIsUser = true
        switch input {
        case .string(let text):
            inputTokens += TokenCounter.count(text)
        case .array(let items):
            for (index, item) in items.enumerated() {
                let itemFields = try RequestFields(item, path: "input[\(index)]")
                let type = try itemFields.string("type") ?? "message"
                switch type {
                case "message":
                    guard let role = try itemFields.choice("role", among: ["user", "assistant", "system", "developer"]) else {
                        throw .missing(itemFields.param("role"))
                    }
                    lastTurnIsUser = role == "user"
                    inputTokens += try ChatCompletionsEndpoint.contentTokens(
                        try itemFields.required("content"), path: itemFields.param("content"))
                case "function_call_output":
                    lastTurnIsUser = false
                    inputTokens += TokenCounter.count(try itemFields.string("output") ?? "")
                case "function_call":
                    lastTurnIsUser = false
                    inputTokens += TokenCounter.count(try itemFields.string("arguments") ?? "")
                default:
                    lastTurnIsUser = false
                }
            }
        default:
            throw .wrongType("input", expected: "a string or an array of input items", got: input)
        }
        let maxOutputTokens = try fields.integer("max_output_tokens", in: 1...Int64(Int32.max))
        let temperature = try fields.number("temperature", in: 0...2)
        let topP = try fields.number("top_p", in: 0...1)
        let stream = try fields.bool("stream") ?? false
        let parallelToolCalls = try fields.bool("parallel_tool_calls") ?? true
        let store = try fields.bool("store") ?? true
        var tools: [ToolCallPlan.Tool] = []
        for (index, tool) in (try fields.array("tools") ?? []).enumerated() {
            let toolFields = try RequestFields(tool, path: "tools[\(index)]")
            guard try toolFields.string("type") == "function" else {
                throw .invalidValue(toolFields.param("type"), "only 'function' tools are supported.")
            }
            tools.append(
                ToolCallPlan.Tool(
                    name: try toolFields.requiredString("name"), parameters: toolFields.value("parameters") ?? .null,
                    parametersParam: toolFields.param("parameters")))
        }
        var choice = ToolCallPlan.Choice.auto
        switch fields.value("tool_choice") {
        case .string("none"): choice = .none
        case .string("required"): choice = .required
        case .object(let object): if let name = object["name"]?.stringValue { choice = .named(name) }
        default: break
        }
        var format: (schema: JSON, param: String)?
        if let text = try fields.fields("text"), let formatFields = try text.fields("format") {
            switch try formatFields.choice("type", among: ["text", "json_object", "json_schema"]) {
            case "json_object": format = (["type": "object", "properties": ["answer": ["type": "string"]]], formatFields.path)
            case "json_schema": format = (formatFields.value("schema") ?? ["type": "object", "properties": [:]], formatFields.param("schema"))
            default: break
            }
        }

        let derivation = worker.derivation("responses", fields)
        var random = derivation.random()
        var generator = JSONInstanceGenerator(limits: worker.settings.limits.generation)
        let calls: [ToolCallPlan]
        if let scripted = ToolCallPlan.scripted(by: worker.script) {
            calls = scripted
        } else {
            calls = try ToolCallPlan.plan(
                tools: tools, choice: choice, parallel: parallelToolCalls, lastTurnIsUser: lastTurnIsUser, random: &random,
                generator: &generator)
        }
        var reply: GeneratedReply
        if let scripted = worker.script?.text {
            reply = GeneratedReply(scripted: scripted, maxTokens: maxOutputTokens.map(Int.init), stop: [])
        } else if !calls.isEmpty {
            reply = GeneratedReply(pieces: [], finishReason: .toolCalls)
        } else if let format {
            var draw = random
            let text = try generator.instance(of: format.schema, param: format.param, random: &draw).serializedString()
            reply = GeneratedReply(pieces: ChatCompletionsEndpoint.fragments(text), finishReason: .stop)
        } else {
            reply = GeneratedReply(random: &random, maxTokens: maxOutputTokens.map(Int.init), stop: [])
        }
        let outputTokens = calls.isEmpty ? reply.tokens : calls.reduce(0) { $0 + $1.tokens }
        let incomplete = reply.finishReason == .length
        let responseID = derivation.identifier("resp_")
        let created = JSON.integer(worker.settings.clock.now)
        /// The ids of output item `index`: its own, and for a call its `call_id`.
        func itemID(_ index: Int) -> String {
            calls.isEmpty ? derivation.identifier("msg_", offset: 1) : derivation.identifier("fc_", offset: 1) + Self.suffix(index)
        }
        func callID(_ index: Int) -> String { derivation.identifier("call_", offset: 2) + Self.suffix(index) }

        /// Output item `index` as announced (`done` false) or finished.
        func outputItem(_ index: Int, done: Bool) -> JSON {
            let status: JSON = done ? (incomplete ? "incomplete" : "completed") : "in_progress"
            if !calls.isEmpty {
                let call = calls[index]
                return [
                    "id": .string(itemID(index)), "type": "function_call", "status": status,
                    "arguments": done ? .string(call.arguments) : "", "call_id": .string(callID(index)), "name": .string(call.name),
                ]
            }
            return [
                "id": .string(itemID(index)), "type": "message", "status": status,
                "content": done ? [textPart(reply.text)] : [], "role": "assistant",
            ]
        }
        let itemCount = max(calls.count, 1)
        func textPart(_ text: String) -> JSON {
            ["type": "output_text", "annotations": [], "logprobs": [], "text": .string(text)]
        }
        func response(final: Bool) -> JSON {
            let usage: JSON =
                final
                ? [
                    "input_tokens": .integer(Int64(inputTokens)), "input_tokens_details": ["cached_tokens": 0],
                    "output_tokens": .integer(Int64(outputTokens)), "output_tokens_details": ["reasoning_tokens": 0],
                    "total_tokens": .integer(Int64(inputTokens + outputTokens)),
                ] : .null
            return [
                "id": .string(responseID), "object": "response", "created_at": created,
                "status": final ? (incomplete ? "incomplete" : "completed") : "in_progress",
                "error": .null,
                "incomplete_details": final && incomplete ? ["reason": "max_output_tokens"] : .null,
                "instructions": instructions.map(JSON.string) ?? .null,
                "max_output_tokens": maxOutputTokens.map(JSON.integer) ?? .null,
                "model": .string(model),
                "output": final ? .array((0..<itemCount).map { outputItem($0, done: true) }) : [],
                "parallel_tool_calls": .bool(parallelToolCalls),
                "previous_response_id": fields.value("previous_response_id") ?? .null,
                "reasoning": ["effort": .null, "summary": .null],
                "store": .bool(store),
                "temperature": .number(temperature ?? 1),
                "text": ["format": fields.value("text")?["format"] ?? ["type": "text"]],
                "tool_choice": fields.value("tool_choice") ?? "auto",
                "tools": fields.value("tools") ?? [],
                "top_p": .number(topP ?? 1),
                "truncation": "disabled",
                "usage": usage,
                "user": fields.value("user") ?? .null,
                "metadata": fields.value("metadata") ?? [:],
            ]
        }
        guard stream else { return .json(response(final: true)) }

        var events: [PlannedEvent] = []
        func add(_ type: String, _ members: [(String, JSON)], carriesToken: Bool = false) {
            var object: JSONObject = ["type": .string(type), "sequence_number": .integer(Int64(events.count))]
            for (key, value) in members { object[key] = value }
            events.append(PlannedEvent(.json(.object(object), name: type), carriesToken: carriesToken))
        }
        add("response.created", [("response", response(final: false))])
        add("response.in_progress", [("response", response(final: false))])
        for index in 0..<itemCount {
            let output = JSON.integer(Int64(index))
            add("response.output_item.added", [("output_index", output), ("item", outputItem(index, done: false))])
            if !calls.isEmpty {
                let call = calls[index]
                for fragment in call.argumentFragments {
                    add(
                        "response.function_call_arguments.delta",
                        [("item_id", .string(itemID(index))), ("output_index", output), ("delta", .string(fragment))], carriesToken: true)
                }
                add(
                    "response.function_call_arguments.done",
                    [
                        ("item_id", .string(itemID(index))), ("output_index", output), ("name", .string(call.name)),
                        ("arguments", .string(call.arguments)),
                    ])
            } else {
                let location: [(String, JSON)] = [("item_id", .string(itemID(index))), ("output_index", output), ("content_index", 0)]
                add("response.content_part.added", location + [("part", textPart(""))])
                for piece in reply.pieces {
                    add("response.output_text.delta", location + [("delta", .string(piece)), ("logprobs", [])], carriesToken: true)
                }
                add("response.output_text.done", location + [("text", .string(reply.text)), ("logprobs", [])])
                add("response.content_part.done", location + [("part", textPart(reply.text))])
            }
            add("response.output_item.done", [("output_index", output), ("item", outputItem(index, done: true))])
        }
        add(incomplete ? "response.incomplete" : "response.completed", [("response", response(final: true))])
        return WorkerResponse(body: .events(PacedEventStream.make(events, pace: worker.pace, seed: derivation.seed)))
    }

    /// What tells apart the ids of parallel calls after the first.
    static func suffix(_ index: Int) -> String { index == 0 ? "" : "_\(index)" }
}

import ConformJSON

/// Decides whether a reply calls tools, and builds the calls: tools are called when the request
/// requires one (`required`, or a named tool), or under `auto` when the conversation's last turn
/// is the user's. A named tool is called once; under `required` with parallel calls allowed and
/// several tools offered, each tool is called once, in order (a deterministic stand-in for a
/// model calling tools in parallel); otherwise one tool picked by the seed. Arguments satisfy
/// each tool's parameter schema.
struct ToolCallPlan {
    /// A function the model may call.
    struct Tool {
        var name: String
        var parameters: JSON
        /// Where the request carries `parameters`, e.g. `tools[0].function.parameters`.
        var parametersParam: String
    }

    /// What the request allows.
    enum Choice {
        case none, auto, required
        case named(String)
    }

    var name: String
    var arguments: String

    /// The calls a scripted reply dictates: its tool calls, none when it scripts a text, nil when
    /// it scripts neither and the calls are planned as usual.
    static func scripted(by script: ScriptedReply?) -> [ToolCallPlan]? {
        if let toolCalls = script?.toolCalls, !toolCalls.isEmpty {
            return toolCalls.map { ToolCallPlan(name: $0.name, arguments: $0.arguments.serializedString()) }
        }
        return script?.text != nil ? [] : nil
    }

    /// The calls a reply makes; empty when it answers in text.
    static func plan(
        tools: [Tool], choice: Choice, parallel: Bool, lastTurnIsUser: Bool, random: inout SeededRandom,
        generator: inout JSONInstanceGenerator
    ) throws(InvalidRequest) -> [ToolCallPlan] {
        guard !tools.isEmpty else { return [] }
        let called: [Tool]
        switch choice {
        case .none:
            return []
        case .auto:
            guard lastTurnIsUser else { return [] }
            called = [tools[random.below(tools.count)]]
        case .required:
            called = parallel && tools.count > 1 ? tools : [tools[random.below(tools.count)]]
        case .named(let wanted):
            guard let match = tools.first(where: { $0.name == wanted }) else { return [] }
            called = [match]
        }
        var calls: [ToolCallPlan] = []
        for tool in called {
            calls.append(try ToolCallPlan(tool, random: &random, generator: &generator))
        }
        return calls
    }

    /// A call a script gives whole.
    init(name: String, arguments: String) {
        self.name = name
        self.arguments = arguments
    }

    init(_ tool: Tool, random: inout SeededRandom, generator: inout JSONInstanceGenerator) throws(InvalidRequest) {
        var schema = tool.parameters
        if schema.isNull { schema = ["type": "object", "properties": [:]] }
        name = tool.name
        var draw = random
        arguments = try generator.instance(of: schema, param: tool.parametersParam, random: &draw).serializedString()
        _ = random.next()
    }

    var tokens: Int { TokenCounter.count(name) + TokenCounter.count(arguments) }

    /// The arguments cut into stream fragments of up to eight characters.
    var argumentFragments: [String] {
        var fragments: [String] = []
        var rest = Substring(arguments)
        while !rest.isEmpty {
            fragments.append(String(rest.prefix(8)))
            rest = rest.dropFirst(8)
        }
        return fragments
    }
}

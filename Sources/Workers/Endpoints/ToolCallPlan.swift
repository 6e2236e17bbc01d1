import ConformJSON

/// Decides whether a reply calls a tool, and builds the call: a tool is called when the request
/// requires one (`required`, or a named tool), or under `auto` when the conversation's last turn
/// is the user's. The tool is the named one, else one picked by the seed; its arguments satisfy
/// the tool's parameter schema.
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

    init?(
        tools: [Tool], choice: Choice, lastTurnIsUser: Bool, random: inout SeededRandom, generator: inout JSONInstanceGenerator
    ) throws(InvalidRequest) {
        guard !tools.isEmpty else { return nil }
        let tool: Tool
        switch choice {
        case .none:
            return nil
        case .auto:
            guard lastTurnIsUser else { return nil }
            tool = tools[random.below(tools.count)]
        case .required:
            tool = tools[random.below(tools.count)]
        case .named(let wanted):
            guard let match = tools.first(where: { $0.name == wanted }) else { return nil }
            tool = match
        }
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

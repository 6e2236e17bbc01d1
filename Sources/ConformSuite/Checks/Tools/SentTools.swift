import ConformJSON

/// The tools a request offered and what it asked of them, read from any of the three APIs'
/// shapes: chat's `tools[].function` with `parameters`, Responses' flat `tools[]` with
/// `parameters`, and Anthropic's `tools[]` with `input_schema`.
struct SentTools {
    /// What the request allows the model to do with its tools.
    enum Choice: Equatable {
        /// The model decides (`auto`, or no `tool_choice`).
        case auto
        /// No tool may be called.
        case none
        /// Some tool must be called (`required`, Anthropic's `any`).
        case required
        /// This tool must be called.
        case named(String)
    }

    /// Each tool's schema, by name.
    let schemas: [String: SentSchema]
    let names: [String]
    let choice: Choice
    /// False when the request turned parallel calls off.
    let parallel: Bool

    /// The tools of a chat completions request.
    static func chat(_ request: JSON?) -> SentTools {
        var schemas: [String: SentSchema] = [:]
        var names: [String] = []
        for (index, tool) in (request?["tools"]?.arrayValue ?? []).enumerated() {
            guard let name = tool["function"]?["name"]?.stringValue else { continue }
            names.append(name)
            schemas[name] = SentSchema(tool["function"]?["parameters"] ?? .null, at: "/tools/\(index)/function/parameters")
        }
        let choice: Choice =
            switch request?["tool_choice"] {
            case .string("none"): .none
            case .string("required"): .required
            case .some(let value) where value["function"]?["name"]?.stringValue != nil: .named(value["function"]!["name"]!.stringValue!)
            default: .auto
            }
        return SentTools(schemas: schemas, names: names, choice: choice, parallel: request?["parallel_tool_calls"]?.boolValue ?? true)
    }

    /// The function tools of a Responses request.
    static func responses(_ request: JSON?) -> SentTools {
        var schemas: [String: SentSchema] = [:]
        var names: [String] = []
        for (index, tool) in (request?["tools"]?.arrayValue ?? []).enumerated() where tool["type"]?.stringValue == "function" {
            guard let name = tool["name"]?.stringValue else { continue }
            names.append(name)
            schemas[name] = SentSchema(tool["parameters"] ?? .null, at: "/tools/\(index)/parameters")
        }
        let choice: Choice =
            switch request?["tool_choice"] {
            case .string("none"): .none
            case .string("required"): .required
            case .some(let value) where value["type"]?.stringValue == "function" && value["name"]?.stringValue != nil:
                .named(value["name"]!.stringValue!)
            default: .auto
            }
        return SentTools(schemas: schemas, names: names, choice: choice, parallel: request?["parallel_tool_calls"]?.boolValue ?? true)
    }

    /// The tools of an Anthropic Messages request.
    static func messages(_ request: JSON?) -> SentTools {
        var schemas: [String: SentSchema] = [:]
        var names: [String] = []
        for (index, tool) in (request?["tools"]?.arrayValue ?? []).enumerated() {
            guard let name = tool["name"]?.stringValue else { continue }
            names.append(name)
            schemas[name] = SentSchema(tool["input_schema"] ?? .null, at: "/tools/\(index)/input_schema")
        }
        let value = request?["tool_choice"]
        let choice: Choice =
            switch value?["type"]?.stringValue {
            case "none": .none
            case "any": .required
            case "tool": value?["name"]?.stringValue.map(Choice.named) ?? .required
            default: .auto
            }
        let parallel = !(value?["disable_parallel_tool_use"]?.boolValue ?? false)
        return SentTools(schemas: schemas, names: names, choice: choice, parallel: parallel)
    }

    /// Why a call named `name` with `arguments` (the parsed input) breaks the request: an unknown
    /// tool, a tool other than the forced one, or arguments outside the tool's schema.
    func problems(calling name: String, with arguments: JSON) -> String? {
        guard let schema = schemas[name] else {
            return "calls '\(name)', which the request did not offer (it offered \(names.map { "'\($0)'" }.joined(separator: ", ")))"
        }
        if case .named(let forced) = choice, forced != name {
            return "calls '\(name)', but tool_choice forced '\(forced)'"
        }
        return schema.problems(with: arguments).map { "'\(name)' arguments \(JSONDiff.preview(arguments, limit: 120)) \($0)" }
    }

    /// A fixture without tools cannot use a tool check.
    static func misuse(in fixture: Fixture) -> String? {
        guard case .json(let body) = fixture.request.body, let tools = body["tools"]?.arrayValue, !tools.isEmpty else {
            return "needs a JSON request with tools"
        }
        return nil
    }
}

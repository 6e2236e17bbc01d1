public import ConformJSON

/// Builds a deterministic JSON value that satisfies a JSON Schema's common keywords (`type`,
/// `properties`, `required`, `items`, `enum`, `const`, `anyOf`/`oneOf`, numeric bounds, string
/// formats), for tool-call arguments and structured (`json_schema`) replies.
public struct JSONInstanceGenerator {
    private var random: SeededRandom
    private let maximumDepth = 6

    public init(random: SeededRandom) {
        self.random = random
    }

    public mutating func instance(of schema: JSON) -> JSON {
        instance(of: schema, depth: 0)
    }

    private mutating func instance(of schema: JSON, depth: Int) -> JSON {
        guard case .object(let keywords) = schema else { return .object([:]) }
        if let constant = keywords["const"] { return constant }
        if let choices = keywords["enum"]?.arrayValue, !choices.isEmpty {
            return choices[random.below(choices.count)]
        }
        for combinator in ["anyOf", "oneOf", "allOf"] {
            if let options = keywords[combinator]?.arrayValue, let first = options.first {
                return instance(of: first, depth: depth)
            }
        }
        var type = keywords["type"]?.stringValue
        if type == nil, let types = keywords["type"]?.arrayValue {
            type = types.compactMap(\.stringValue).first { $0 != "null" }
        }
        if type == nil { type = keywords["properties"] != nil ? "object" : "string" }
        switch type {
        case "object":
            var object = JSONObject()
            guard depth < maximumDepth, let properties = keywords["properties"]?.objectValue else { return .object(object) }
            for (name, property) in properties { object[name] = instance(of: property, depth: depth + 1) }
            return .object(object)
        case "array":
            guard depth < maximumDepth else { return .array([]) }
            let minimum = Int(keywords["minItems"]?.integerValue ?? 1)
            let count = max(minimum, 1 + random.below(2))
            let items = keywords["items"] ?? ["type": "string"]
            return .array((0..<count).map { _ in instance(of: items, depth: depth + 1) })
        case "integer":
            let low = keywords["minimum"]?.integerValue ?? 0
            let high = max(keywords["maximum"]?.integerValue ?? low + 100, low)
            return .integer(low + Int64(random.below(Int(min(high - low, 1_000_000)) + 1)))
        case "number":
            let low = keywords["minimum"]?.doubleValue ?? 0
            let high = max(keywords["maximum"]?.doubleValue ?? low + 100, low)
            return .number(((low + random.unit() * (high - low)) * 100).rounded() / 100)
        case "boolean":
            return .bool(random.below(2) == 1)
        case "null":
            return .null
        default:
            return .string(string(format: keywords["format"]?.stringValue))
        }
    }

    private mutating func string(format: String?) -> String {
        switch format {
        case "date-time": "2026-01-01T00:00:00Z"
        case "date": "2026-01-01"
        case "email": "\(TextGenerator.phrase(words: 1, &random))@example.com"
        case "uri", "url": "https://example.com/\(TextGenerator.phrase(words: 1, &random))"
        case "uuid": "00000000-0000-4000-8000-000000000000"
        default: TextGenerator.phrase(words: 2, &random)
        }
    }
}

import ConformJSON

/// How violation messages quote values: short JSON previews, type names and lists in plain English.
enum ViolationText {
    /// The value as compact JSON, cut short when long.
    static func value(_ value: JSON) -> String {
        JSONDiff.preview(value, limit: 60)
    }

    /// The value with its type, e.g. `string "12"` or `array [1,2]`.
    static func typed(_ value: JSON) -> String {
        switch value {
        case .null: "null"
        case .bool, .integer: "\(value.typeName) \(value)"
        case .number: "number \(value)"
        default: "\(value.typeName) \(JSONDiff.preview(value, limit: 40))"
        }
    }

    /// A string as JSON writes it, quotes and escapes included.
    static func quoted(_ text: String) -> String {
        JSON.string(text).serializedString()
    }

    /// Values as a JSON array, listing at most `limit` of them.
    static func list(_ values: [JSON], limit: Int = 10) -> String {
        let shown = values.prefix(limit).map { JSONDiff.preview($0, limit: 64) }.joined(separator: ", ")
        let more = values.count > limit ? ", … (\(values.count - limit) more)" : ""
        return "[\(shown)\(more)]"
    }

    /// `a`, `a or b`, `a, b or c`.
    static func alternatives(_ words: [String]) -> String {
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " or " + words.last!
    }

    /// `1 item`, `2 items`; `plural` for nouns that do not take an `s`.
    static func count(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
    }
}

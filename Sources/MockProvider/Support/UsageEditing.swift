import ConformJSON

/// The `usage-wrong-total` deviation: `total_tokens` one more than its parts, wherever a usage
/// object appears (top level, or inside a Responses `response`).
enum UsageEditing {
    static func wrongTotal(_ json: JSON) -> JSON {
        var json = json
        if let total = json["usage"]?["total_tokens"]?.integerValue {
            json["usage"]?["total_tokens"] = .integer(total + 1)
        }
        if json["response"]?["usage"]?["total_tokens"] != nil {
            json["response"] = wrongTotal(json["response"]!)
        }
        return json
    }
}

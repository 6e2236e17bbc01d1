/// Escaping for HTML text and attribute values: every character that could open a tag, an entity
/// or end an attribute is written as a reference, and invisible control characters are made visible.
enum HTMLText {
    static func escape(_ text: String) -> String {
        table.apply(text)
    }

    private static let table = EscapeTable { scalar in
        switch scalar {
        case "&": "&amp;"
        case "<": "&lt;"
        case ">": "&gt;"
        case "\"": "&quot;"
        case "'": "&#39;"
        default: nil
        }
    }
}

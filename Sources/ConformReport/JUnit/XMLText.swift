/// Escaping for XML 1.0 character data and attribute values. Characters XML cannot carry at all
/// are first made visible (``VisibleText``), so any string yields a well-formed document.
enum XMLText {
    static func content(_ text: String) -> String {
        contentTable.apply(text)
    }

    /// Also escapes quotes and line breaks, which attribute normalisation would otherwise turn into spaces.
    static func attribute(_ text: String) -> String {
        attributeTable.apply(text)
    }

    private static let contentTable = EscapeTable { scalar in
        switch scalar {
        case "&": "&amp;"
        case "<": "&lt;"
        // `]]>` may not appear in character data; escaping every `>` rules it out.
        case ">": "&gt;"
        case "\r": "&#13;"
        default: nil
        }
    }

    private static let attributeTable = EscapeTable { scalar in
        switch scalar {
        case "\"": "&quot;"
        case "'": "&apos;"
        case "\n": "&#10;"
        case "\t": "&#9;"
        default: contentTable.replacement(for: scalar)
        }
    }
}

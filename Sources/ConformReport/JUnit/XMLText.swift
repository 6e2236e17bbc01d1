/// Escaping for XML 1.0 character data and attribute values. Characters XML cannot carry at all
/// are first made visible (``VisibleText``), so any string yields a well-formed document.
enum XMLText {
    static func content(_ text: String) -> String {
        escape(text, inAttribute: false)
    }

    /// Also escapes quotes and line breaks, which attribute normalisation would otherwise turn into spaces.
    static func attribute(_ text: String) -> String {
        escape(text, inAttribute: true)
    }

    private static func escape(_ text: String, inAttribute: Bool) -> String {
        VisibleText.escaping(text) { scalar in
            switch scalar {
            case "&": "&amp;"
            case "<": "&lt;"
            // `]]>` may not appear in character data; escaping every `>` rules it out.
            case ">": "&gt;"
            case "\"" where inAttribute: "&quot;"
            case "'" where inAttribute: "&apos;"
            case "\n" where inAttribute: "&#10;"
            case "\r": "&#13;"
            case "\t" where inAttribute: "&#9;"
            default: nil
            }
        }
    }
}

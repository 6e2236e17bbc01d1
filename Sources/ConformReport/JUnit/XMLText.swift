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
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in VisibleText.make(text).unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            // `]]>` may not appear in character data; escaping every `>` rules it out.
            case ">": result += "&gt;"
            case "\"" where inAttribute: result += "&quot;"
            case "'" where inAttribute: result += "&apos;"
            case "\n" where inAttribute: result += "&#10;"
            case "\r": result += "&#13;"
            case "\t" where inAttribute: result += "&#9;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

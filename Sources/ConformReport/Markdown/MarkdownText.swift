/// Escaping for GitHub-flavoured Markdown, in the two contexts a summary uses: Markdown text (table
/// cells, paragraphs, list items) and raw HTML blocks (a `<details><summary>` line, where Markdown
/// is not parsed). Untrusted text can neither start markup nor close the markup around it.
enum MarkdownText {
    /// Text for a Markdown paragraph, list item or table cell: one line (breaks shown as `⏎`), HTML
    /// characters as entities, and every character that could start emphasis, code, a link, a
    /// table cell, math or a mention escaped with a backslash.
    static func inline(_ text: String) -> String {
        inlineTable.apply(oneLine(text))
    }

    private static let inlineTable = EscapeTable { scalar in
        switch scalar {
        case "&": "&amp;"
        case "<": "&lt;"
        case ">": "&gt;"
        case "\\", "`", "*", "_", "[", "]", "|", "~", "$", "@", "!", "#": "\\" + String(scalar)
        default: nil
        }
    }

    /// Inline code in Markdown text. Written as `<code>` around escaped text rather than backticks,
    /// so backticks in the text cannot end it early.
    static func code(_ text: String) -> String {
        "<code>" + inline(text) + "</code>"
    }

    /// Text inside a raw HTML block, where GitHub shows entities decoded and backslashes literally.
    static func html(_ text: String) -> String {
        HTMLText.escape(oneLine(text))
    }

    /// Line feeds shown as `⏎`, carriage returns dropped.
    private static func oneLine(_ text: String) -> String {
        lineTable.apply(text)
    }

    private static let lineTable = EscapeTable { scalar in
        switch scalar {
        case "\n": " ⏎ "
        case "\r": ""
        default: nil
        }
    }

    /// A fenced code block whose fence is longer than any run of backticks in the text, so the text
    /// cannot close it.
    static func fenced(_ text: String, language: String = "") -> String {
        let visible = VisibleText.make(text)
        var longestRun = 0
        var run = 0
        for character in visible.utf8 {
            run = character == UInt8(ascii: "`") ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        let fence = String(repeating: "`", count: max(3, longestRun + 1))
        return fence + language + "\n" + visible + (visible.hasSuffix("\n") ? "" : "\n") + fence + "\n"
    }
}

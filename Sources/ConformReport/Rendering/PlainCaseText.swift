import ConformContract

/// A case's findings as plain text for formats without markup (the body of a JUnit failure): each
/// failing, erroring or accepted check with its message and expected vs actual, the exchange, and
/// the `curl` command that replays it.
struct PlainCaseText {
    var text: String

    init(_ item: CaseReport, maximumValueBytes: Int) {
        var lines: [String] = ["\(item.id) (\(item.level.rawValue)): \(item.summary)"]
        if let reason = item.reason { lines.append("reason: \(reason)") }
        for check in item.findings {
            lines.append("")
            lines.append(
                "[\(item.findingLabel(for: check))] \(check.name) (\(check.level.rawValue))" + (check.message.map { ": \($0)" } ?? ""))
            if let reason = check.baselineReason { lines.append("accepted because: \(reason)") }
            for (label, value) in [("expected", check.expected), ("actual", check.actual)] {
                guard let value else { continue }
                let preview = ValueText.preview(value, maximumBytes: maximumValueBytes)
                lines.append("\(label): \(preview.text)")
                if let note = preview.omissionNote { lines.append(note) }
            }
        }
        if let exchange = item.exchange {
            let shown = ExchangeText(exchange, maximumBodyBytes: maximumValueBytes)
            lines += ["", "request:", shown.request]
            if let body = shown.requestBody {
                lines += ["", body.text]
                if let note = body.omissionNote { lines.append(note) }
            }
            lines += ["", "response:", shown.response]
            if let body = shown.responseBody {
                lines += ["", body.text]
            }
            if let note = shown.responseBodyNote { lines.append(note) }
            if let timings = shown.timings { lines.append(timings) }
            lines += shown.streamNotes
        }
        if let reproduction = item.reproduction {
            lines += ["", "reproduce:", reproduction]
        }
        lines.append("fixture: \(item.fixture)")
        text = lines.joined(separator: "\n")
    }
}

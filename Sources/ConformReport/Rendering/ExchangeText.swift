import ConformJSON

/// The recorded exchange as plain text blocks, the way `curl -v` would show it: the request line
/// and headers then the body, the status line and headers then the body, and the timings.
struct ExchangeText {
    var request: String
    var requestBody: TextPreview?
    var response: String
    var responseBody: TextPreview?
    /// Set when the recorded body was already cut by the runner before the report was built.
    var responseBodyCutByRunner: Bool
    var timings: String?
    /// What the event-stream parser noticed and why the stream stopped early, one line each.
    var streamNotes: [String]

    init(_ exchange: ExchangeRecord, maximumBodyBytes: Int) {
        request = ([exchange.method + " " + exchange.url] + exchange.requestHeaders.map { "\($0.name): \($0.value)" })
            .joined(separator: "\n")
        requestBody = exchange.requestBody.map { TextPreview($0, maximumBytes: maximumBodyBytes) }
        var responseLines: [String] = []
        if let status = exchange.status {
            responseLines.append("HTTP \(status)")
        } else {
            responseLines.append("no response")
        }
        if let error = exchange.transportError { responseLines.append("transport error: \(error)") }
        responseLines += exchange.responseHeaders.map { "\($0.name): \($0.value)" }
        response = responseLines.joined(separator: "\n")
        responseBody = exchange.responseBody.map { TextPreview($0, maximumBytes: maximumBodyBytes) }
        responseBodyCutByRunner = exchange.responseBodyTruncated
        var parts: [String] = []
        if let value = exchange.connectMilliseconds { parts.append("connect \(NumberText.duration(milliseconds: value))") }
        if let value = exchange.firstByteMilliseconds { parts.append("first byte \(NumberText.duration(milliseconds: value))") }
        if let value = exchange.totalMilliseconds { parts.append("total \(NumberText.duration(milliseconds: value))") }
        if let stream = exchange.stream {
            let count = stream.eventCount
            var events = "\(count) stream event\(count == 1 ? "" : "s")"
            if let first = stream.arrivalMilliseconds.first, let last = stream.arrivalMilliseconds.last, count > 1 {
                events += " (first at \(NumberText.duration(milliseconds: first)), last at \(NumberText.duration(milliseconds: last)))"
            }
            parts.append(events)
        }
        timings = parts.isEmpty ? nil : parts.joined(separator: " · ")
        streamNotes = (exchange.stream?.diagnostics ?? []) + (exchange.stream?.interruption.map { ["stream cut short: \($0)"] } ?? [])
    }

    /// What to say after the response body preview, when anything was left out.
    var responseBodyNote: String? {
        if let note = responseBody?.omissionNote { return note }
        return responseBodyCutByRunner ? "… body cut to a preview when it was recorded" : nil
    }
}

/// A JSON value shown to a reader: pretty-printed with sorted keys and cut to a budget.
enum ValueText {
    static func preview(_ value: JSON, maximumBytes: Int) -> TextPreview {
        TextPreview(value.serializedString(.pretty), maximumBytes: maximumBytes)
    }
}

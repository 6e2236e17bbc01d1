extension OutgoingRequest {
    /// The header lines libcurl is given for this request, exactly: the request's own headers (an
    /// empty value sent empty), then the lines that stop libcurl adding `Accept` and `Expect` on its
    /// own, then the body's `Content-Type` unless a header sets one (`Content-Type:` with nothing
    /// after it when the body has no type, so none is invented). The transport sends these and the
    /// `curl` reproduction writes these, so the two cannot drift apart.
    public var wireHeaderLines: [String] {
        var lines: [String] = headers.map { $0.value.isEmpty ? "\($0.name);" : "\($0.name): \($0.value)" }
        if !headers.contains("Accept") { lines.append("Accept:") }
        if !headers.contains("Expect") { lines.append("Expect:") }
        if let body, !headers.contains("Content-Type") {
            lines.append(body.contentType.map { "Content-Type: \($0)" } ?? "Content-Type:")
        }
        return lines
    }
}

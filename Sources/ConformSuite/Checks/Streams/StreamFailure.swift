import ConformJSON

/// The first rule a stream broke, kept by a stream check so later events cannot hide it.
struct StreamFailure {
    private(set) var message: String?

    var hasFailed: Bool { message != nil }

    mutating func record(_ text: String) {
        if message == nil { message = text }
    }

    /// The verdict once the stream ended: the first recorded failure, or the failure `end`
    /// finds, or a pass.
    func verdict(_ end: () -> String?) -> CheckResult {
        if let message { return .fail(message) }
        if let problem = end() { return .fail(problem) }
        return .pass
    }
}

extension ObservedResponse {
    /// How the stream ended, for messages: "" for a clean end, or the interruption.
    var streamEndingNote: String {
        guard let interruption = stream?.interruption else { return "" }
        return " (the stream was cut short: \(interruption))"
    }

    /// Why the answer cannot be judged as an event stream at all, or nil when it can.
    var notAStream: String? {
        guard let stream else { return "the answer was not read as a stream" }
        guard stream.events.isEmpty else { return nil }
        let type = mediaType ?? "no Content-Type"
        return "no events arrived (status \(status), \(type), \(bodyPreview))\(streamEndingNote)"
    }
}

/// A check of an event stream's grammar: only fixtures that read their answer as a stream may
/// use it.
protocol EventStreamCheck: Check {}

extension EventStreamCheck {
    public func misuse(in fixture: Fixture) -> String? {
        fixture.expectation.stream == nil ? "needs expect.stream: the answer must be read as a stream" : nil
    }
}

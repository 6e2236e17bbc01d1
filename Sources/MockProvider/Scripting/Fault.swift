import ConformJSON
import HTTPTypes

/// A failure injected on purpose, for an app's retry and timeout code to meet: an error status
/// with the endpoint's envelope (429 with `Retry-After`, 500, 503), added latency, a slow first
/// token, a stream cut after some events, a malformed event, or a connection reset without an
/// answer. Given by a stub, by the `X-Conform-Fault` header (this JSON, or a bare status), or by
/// the config's `faults`.
public struct Fault: Sendable, Hashable, Codable {
    /// Answer with this error status and the envelope of the path.
    public var status: Int?
    /// With `status`: the `Retry-After` seconds.
    public var retryAfter: Int?
    /// With `status`: the error message.
    public var message: String?
    /// Wait this long before answering at all.
    public var delayMs: Int?
    /// A stream's first token comes this late.
    public var firstTokenDelayMs: Int?
    /// A stream stops after this many events, the connection closed mid-stream.
    public var cutAfterEvents: Int?
    /// After this many events, a truncated event that is not JSON, then the end.
    public var malformedEventAfter: Int?
    /// Close the connection without any answer.
    public var reset: Bool?

    public init(
        status: Int? = nil, retryAfter: Int? = nil, message: String? = nil, delayMs: Int? = nil, firstTokenDelayMs: Int? = nil,
        cutAfterEvents: Int? = nil, malformedEventAfter: Int? = nil, reset: Bool? = nil
    ) {
        self.status = status
        self.retryAfter = retryAfter
        self.message = message
        self.delayMs = delayMs
        self.firstTokenDelayMs = firstTokenDelayMs
        self.cutAfterEvents = cutAfterEvents
        self.malformedEventAfter = malformedEventAfter
        self.reset = reset
    }

    public static let headerName = "X-Conform-Fault"

    /// The fault an `X-Conform-Fault` header asks for: a JSON fault, or a bare status (`429`).
    public static func parse(header value: String) throws(GatewayError) -> Fault {
        let trimmed = value.trimmingSpaces
        if let status = Int(trimmed) { return Fault(status: status) }
        do {
            let json = try JSONParser().parse(Array(trimmed.utf8))
            let fault = try JSONValueDecoder(rejectsUnknownMembers: true).decode(Fault.self, from: json)
            try fault.validate()
            return fault
        } catch let error as GatewayError {
            throw error
        } catch {
            throw GatewayError(.badRequest, .invalidRequest, "The \(headerName) header is not a status or a fault: \(error).", param: headerName)
        }
    }

    /// Refuses values no server would send.
    func validate() throws(GatewayError) {
        if let status, !(400...599).contains(status) {
            throw GatewayError(.badRequest, .invalidRequest, "A fault's status must be 400 to 599, not \(status).", param: Self.headerName)
        }
        for (name, value) in [("delayMs", delayMs), ("firstTokenDelayMs", firstTokenDelayMs), ("retryAfter", retryAfter)] {
            if let value, !(0...600_000).contains(value) {
                throw GatewayError(.badRequest, .invalidRequest, "A fault's \(name) must be 0 to 600000, not \(value).", param: Self.headerName)
            }
        }
    }

    /// The fault in a few words, for the journal and the request log.
    var summary: String {
        var parts: [String] = []
        if let status { parts.append("status \(status)" + (retryAfter.map { " retry-after \($0)" } ?? "")) }
        if let delayMs { parts.append("delay \(delayMs) ms") }
        if let firstTokenDelayMs { parts.append("first token after \(firstTokenDelayMs) ms") }
        if let cutAfterEvents { parts.append("cut after \(cutAfterEvents) events") }
        if let malformedEventAfter { parts.append("malformed event after \(malformedEventAfter)") }
        if reset == true { parts.append("reset") }
        return parts.joined(separator: ", ")
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

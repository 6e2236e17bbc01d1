import ConformJSON

/// The status line and headers of a response: what is known once the header block has arrived.
public struct ReceivedResponseHead: Sendable, Hashable {
    public var status: Int
    /// The reason phrase from the status line, possibly empty.
    public var reason: String
    /// The protocol from the status line, such as `HTTP/1.1`.
    public var version: String
    public var headers: HeaderFields

    public init(status: Int, reason: String = "", version: String = "HTTP/1.1", headers: HeaderFields = [:]) {
        self.status = status
        self.reason = reason
        self.version = version
        self.headers = headers
    }

    /// The media type of `Content-Type` without parameters, lowercased: `application/json`.
    public var mediaType: String? {
        guard let value = headers["content-type"] else { return nil }
        let type = value.split(separator: ";", maxSplits: 1).first ?? ""
        return type.trimmingWhitespace().lowercased()
    }
}

/// A complete response: head, the whole body and when each phase ended.
public struct ReceivedResponse: Sendable, Hashable {
    public var head: ReceivedResponseHead
    public var body: [UInt8]
    public var timings: ExchangeTimings

    public init(head: ReceivedResponseHead, body: [UInt8], timings: ExchangeTimings) {
        self.head = head
        self.body = body
        self.timings = timings
    }

    public var status: Int { head.status }
    public var headers: HeaderFields { head.headers }

    /// The body parsed as strict JSON.
    public func json() throws(JSONParseError) -> JSON {
        try JSONParser().parse(body)
    }

    /// The body decoded as UTF-8, invalid sequences replaced.
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// When each phase of an exchange finished, measured from the start of the transfer.
public struct ExchangeTimings: Sendable, Hashable {
    /// The connection was established (zero when an open connection was reused).
    public var connect: Duration
    /// The first response byte arrived.
    public var firstByte: Duration
    /// The exchange ended.
    public var total: Duration

    public init(connect: Duration = .zero, firstByte: Duration = .zero, total: Duration = .zero) {
        self.connect = connect
        self.firstByte = firstByte
        self.total = total
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}

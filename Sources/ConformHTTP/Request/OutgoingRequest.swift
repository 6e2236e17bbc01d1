/// An HTTP request exactly as it will be sent: the transport adds only `Host`, `Content-Length`
/// and the body's `Content-Type` when no header sets one. A field with an empty value is sent empty.
public struct OutgoingRequest: Sendable, Hashable {
    public var method: String
    public var url: String
    public var headers: HeaderFields
    public var body: OutgoingBody?

    public init(method: String = "GET", url: String, headers: HeaderFields = [:], body: OutgoingBody? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

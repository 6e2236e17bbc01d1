import ConformJSON

/// A fixture's request with its placeholders filled and its credential header added: exactly
/// what goes on the wire, relative to the target's base URL.
public struct PreparedRequest: Sendable, Hashable {
    public var method: String
    /// The path and query, e.g. `/model/proxy/43/echo?alpha=1`.
    public var path: String
    /// The fixture's headers, then the credential header when one is sent.
    public var headers: [HeaderLine]
    public var body: PreparedBody?
    public var credentials: CredentialPresentation

    public init(method: String, path: String, headers: [HeaderLine], body: PreparedBody?, credentials: CredentialPresentation) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.credentials = credentials
    }

    /// The JSON body, when the body is JSON.
    public var json: JSON? {
        if case .json(let value) = body { return value }
        return nil
    }

    /// The path without its query string.
    public var pathWithoutQuery: String {
        path.firstIndex(of: "?").map { String(path[..<$0]) } ?? path
    }

    /// The raw query string after `?`, nil when the path has none.
    public var query: String? {
        path.firstIndex(of: "?").map { String(path[path.index(after: $0)...]) }
    }
}

/// A request body ready to encode.
public enum PreparedBody: Sendable, Hashable {
    case json(JSON)
    case text(String)
    case multipart(fields: [FormField], files: [FileUpload])
}

public import ConformJSON

/// What an echo upstream answers to any request behind the generic proxy: the method, path, query
/// string, headers and body it received (`Schemas/mock/proxy-echo.schema.json`). The mock's echo
/// model writes it and the suite's proxy checks read it, so a gateway's forwarding can be judged
/// from the outside; any echo service that answers this shape can stand in.
public struct ProxyEchoReport: Sendable, Hashable, Codable {
    public var method: String
    /// The path the upstream saw, without the query.
    public var path: String
    /// The query string without `?`; nil when the request had none.
    public var query: String?
    /// The headers received, in order; a repeated header is one entry with its values joined by `, `.
    public var headers: [Header]
    /// The body as text (invalid UTF-8 replaced; a multipart form as `name=value&...`).
    public var body: String
    /// The body parsed, when it was JSON.
    public var json: JSON?

    /// One received header.
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(method: String, path: String, query: String?, headers: [Header], body: String, json: JSON? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.json = json
    }

    /// Headers as an object of names to values, joining repeated names as HTTP allows.
    public init(method: String, path: String, query: String?, receivedHeaders: [(name: String, value: String)], body: String, json: JSON? = nil) {
        var headers: [Header] = []
        for (name, value) in receivedHeaders {
            if let index = headers.firstIndex(where: { $0.name == name }) {
                headers[index].value += ", " + value
            } else {
                headers.append(Header(name: name, value: value))
            }
        }
        self.init(method: method, path: path, query: query, headers: headers, body: body, json: json)
    }

    enum CodingKeys: String, CodingKey { case method, path, query, headers, body, json }

    public init(from decoder: any Decoder) throws {
        let members = try decoder.container(keyedBy: CodingKeys.self)
        method = try members.decode(String.self, forKey: .method)
        path = try members.decode(String.self, forKey: .path)
        query = try members.decodeIfPresent(String.self, forKey: .query)
        let object = try members.nestedContainer(keyedBy: AnyKey.self, forKey: .headers)
        headers = try object.allKeys.map { Header(name: $0.stringValue, value: try object.decode(String.self, forKey: $0)) }
        body = try members.decodeIfPresent(String.self, forKey: .body) ?? ""
        json = try members.decodeIfPresent(JSON.self, forKey: .json)
    }

    public func encode(to encoder: any Encoder) throws {
        var members = encoder.container(keyedBy: CodingKeys.self)
        try members.encode(method, forKey: .method)
        try members.encode(path, forKey: .path)
        // An absent query is written as null, so a reader tells "none" from a forgotten member.
        try members.encode(query.map(JSON.string) ?? .null, forKey: .query)
        var object = members.nestedContainer(keyedBy: AnyKey.self, forKey: .headers)
        for header in headers { try object.encode(header.value, forKey: AnyKey(header.name)) }
        try members.encode(body, forKey: .body)
        try members.encodeIfPresent(json, forKey: .json)
    }

    /// The first value of the header called `name`, compared without regard to case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

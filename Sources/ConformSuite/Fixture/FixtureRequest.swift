import ConformJSON

/// The request a fixture sends, before placeholders are filled: method, path with query,
/// headers, how the API key is presented, and at most one body.
public struct FixtureRequest: Sendable, Hashable {
    public var method: String
    /// The path and query, e.g. `/model/proxy/${route.echo}/echo?alpha=1`.
    public var path: String
    public var headers: [HeaderLine]
    public var credentials: CredentialPresentation
    public var body: FixtureBody?

    public init(
        method: String, path: String, headers: [HeaderLine] = [], credentials: CredentialPresentation, body: FixtureBody? = nil
    ) {
        self.method = method
        self.path = path
        self.headers = headers
        self.credentials = credentials
        self.body = body
    }
}

/// A request body as a fixture writes it.
public enum FixtureBody: Sendable, Hashable {
    /// A JSON document, sent as `application/json`.
    case json(JSON)
    /// Text sent exactly as written, with no `Content-Type` unless a header sets one: for
    /// malformed bodies and raw upstream payloads.
    case text(String)
    /// A `multipart/form-data` form of text fields and files from `Fixtures/assets/`.
    case multipart(fields: [FormField], files: [FileUpload])
}

/// One text field of a multipart form.
public struct FormField: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One file part of a multipart form: a binary asset under `Fixtures/assets/`, read when the
/// fixture loads.
public struct FileUpload: Sendable, Hashable {
    /// The form field name, e.g. `file`, `image` or `image[]`.
    public var name: String
    /// The asset path relative to the fixtures directory, e.g. `assets/speech-hello.wav`.
    public var path: String
    public var contentType: String
    public var filename: String
    public var data: [UInt8]

    public init(name: String, path: String, contentType: String, filename: String, data: [UInt8]) {
        self.name = name
        self.path = path
        self.contentType = contentType
        self.filename = filename
        self.data = data
    }
}

/// One header field as written in a fixture or sent on the wire.
public struct HeaderLine: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == HeaderLine {
    /// The first value of the header called `name`, compared without regard to case.
    public func first(named name: String) -> String? {
        first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

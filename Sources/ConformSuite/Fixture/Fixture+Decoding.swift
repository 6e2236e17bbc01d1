import ConformContract
import ConformJSON

// The fixture file format, read through these conformances after the file has passed
// `Schemas/fixture/fixture.schema.json`: the schema says what is allowed, these say how each
// member maps onto the model. Members that are polymorphic in the file (a status or a list of
// them, a body that is JSON, text or a form) are decoded by hand; the rest are synthesized.

extension Fixture: Decodable {
    enum CodingKeys: String, CodingKey {
        case id, endpoint, summary, level, source, clients, request
        case expectation = "expect"
    }

    /// A case as its file writes it. `file` is left empty and file uploads without their bytes:
    /// the loader knows where the file sits and reads the assets.
    public init(from decoder: any Decoder) throws {
        let members = try decoder.container(keyedBy: CodingKeys.self)
        let endpoint = try members.decode(ContractRow.self, forKey: .endpoint)
        self.init(
            id: try members.decode(String.self, forKey: .id), api: endpoint.api, endpoint: endpoint,
            summary: try members.decode(String.self, forKey: .summary), level: try members.decode(RequirementLevel.self, forKey: .level),
            source: try members.decode(String.self, forKey: .source),
            clients: try members.decodeIfPresent([ClientProfile].self, forKey: .clients) ?? [], file: "",
            request: try members.decode(FixtureRequest.self, forKey: .request),
            expectation: try members.decode(Expectation.self, forKey: .expectation))
    }
}

extension FixtureRequest: Decodable {
    enum CodingKeys: String, CodingKey {
        case method, path, headers, json, text, multipart
        case credentials = "auth"
    }

    public init(from decoder: any Decoder) throws {
        let members = try decoder.container(keyedBy: CodingKeys.self)
        var headers: [HeaderLine] = []
        if members.contains(.headers) {
            let object = try members.nestedContainer(keyedBy: AnyKey.self, forKey: .headers)
            for key in object.allKeys { headers.append(HeaderLine(name: key.stringValue, value: try object.decode(String.self, forKey: key))) }
        }
        var body: FixtureBody?
        if let json = try members.decodeIfPresent(JSON.self, forKey: .json) {
            body = .json(json)
        } else if let text = try members.decodeIfPresent(String.self, forKey: .text) {
            body = .text(text)
        } else if members.contains(.multipart) {
            let form = try members.decode(FixtureForm.self, forKey: .multipart)
            body = .multipart(fields: form.fields, files: form.files)
        }
        self.init(
            method: try members.decode(String.self, forKey: .method), path: try members.decode(String.self, forKey: .path),
            headers: headers, credentials: try members.decode(CredentialPresentation.self, forKey: .credentials), body: body)
    }
}

/// A multipart body as a fixture writes it: `fields` (name to value, in order) and `files`.
private struct FixtureForm: Decodable {
    var fields: [FormField] = []
    var files: [FileUpload] = []

    enum CodingKeys: String, CodingKey { case fields, files }

    init(from decoder: any Decoder) throws {
        let members = try decoder.container(keyedBy: CodingKeys.self)
        if members.contains(.fields) {
            let object = try members.nestedContainer(keyedBy: AnyKey.self, forKey: .fields)
            for key in object.allKeys { fields.append(FormField(name: key.stringValue, value: try object.decode(String.self, forKey: key))) }
        }
        files = try members.decodeIfPresent([FileUpload].self, forKey: .files) ?? []
    }
}

extension FileUpload: Decodable {
    enum CodingKeys: String, CodingKey { case name, path, contentType, filename }

    /// The file part as written, without its bytes; the file name defaults to the asset's.
    public init(from decoder: any Decoder) throws {
        let members = try decoder.container(keyedBy: CodingKeys.self)
        let path = try members.decode(String.self, forKey: .path)
        self.init(
            name: try members.decode(String.self, forKey: .name), path: path,
            contentType: try members.decode(String.self, forKey: .contentType),
            filename: try members.decodeIfPresent(String.self, forKey: .filename) ?? String(path.split(separator: "/").last ?? ""),
            data: [])
    }
}

extension CredentialPresentation: Decodable {}

extension Expectation: Decodable {
    enum CodingKeys: String, CodingKey {
        case status, headers, schema, checks, json, text, golden, stream
        case contentTypes = "contentType"
    }

    public init(from decoder: any Decoder) throws {
        let members = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            status: try members.decode(OneOrMany<Int>.self, forKey: .status).values,
            contentTypes: try members.decodeIfPresent(OneOrMany<String>.self, forKey: .contentTypes)?.values.map { $0.lowercased() },
            headers: try members.decodeIfPresent(JSON.self, forKey: .headers).map { headers in
                var lowercased = JSONObject()
                for (name, value) in headers.objectValue ?? [:] { lowercased[name.lowercased()] = value }
                return .object(lowercased)
            },
            schema: try members.decodeIfPresent(String.self, forKey: .schema),
            checks: try members.decodeIfPresent([String].self, forKey: .checks) ?? [],
            json: try members.decodeIfPresent(JSON.self, forKey: .json),
            text: try members.decodeIfPresent(JSON.self, forKey: .text),
            golden: try members.decodeIfPresent(String.self, forKey: .golden),
            stream: try members.decodeIfPresent(StreamExpectation.self, forKey: .stream))
    }
}

extension StreamExpectation: Decodable {
    enum CodingKeys: String, CodingKey { case maxEventWaitSeconds }

    public init(from decoder: any Decoder) throws {
        let members = try decoder.container(keyedBy: CodingKeys.self)
        let seconds = try members.decodeIfPresent(Double.self, forKey: .maxEventWaitSeconds)
        self.init(maxEventWait: seconds.map { .milliseconds(Int64($0 * 1000)) })
    }
}

/// A member written as one value or as a list of them.
struct OneOrMany<Element: Decodable>: Decodable {
    var values: [Element]

    init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            values = []
            while !list.isAtEnd { values.append(try list.decode(Element.self)) }
        } else {
            values = [try decoder.singleValueContainer().decode(Element.self)]
        }
    }
}

import ConformContract
import ConformJSON

/// Turns one fixture document into a ``Fixture``, member by member, naming the file and JSON
/// pointer of the first structural problem. Asset bytes come from `readAsset`; cross-file rules
/// (checks, schemas, goldens, duplicate ids) are the loader's.
struct FixtureDecoder {
    let reader: FieldReader
    let api: APIFamily
    /// Reads an asset by its path relative to the fixtures directory; nil when it does not exist.
    let readAsset: (String) -> [UInt8]?

    static let topMembers = ["$schema", "id", "endpoint", "summary", "level", "source", "request", "expect"]
    static let requestMembers = ["method", "path", "headers", "auth", "json", "text", "multipart"]
    static let expectMembers = ["status", "contentType", "schema", "checks", "json", "text", "golden", "stream"]
    static let methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]

    func decode(_ document: JSON) throws(FixtureLoadError) -> Fixture {
        let root = JSONPointer.root
        let top = try reader.object(document, at: root, allowed: Self.topMembers)
        let id = try reader.requiredString(top, "id", at: root)
        guard Self.isCaseID(id) else {
            throw reader.fail(
                root.appending("id"), "'\(id)' is not a case id: lowercase letters, digits and '-', in parts joined by '.'")
        }
        let endpoint = try reader.choice(
            try reader.required(top, "endpoint", at: root), at: root.appending("endpoint"), as: ContractRow.self)
        guard endpoint.api == api else {
            throw reader.fail(
                root.appending("endpoint"), "'\(endpoint.rawValue)' belongs under \(endpoint.api.rawValue)/, not \(api.rawValue)/"
            )
        }
        let summary = try reader.requiredString(top, "summary", at: root)
        let level = try reader.choice(
            try reader.required(top, "level", at: root), at: root.appending("level"), as: RequirementLevel.self)
        let source = try reader.requiredString(top, "source", at: root)
        let request = try decodeRequest(try reader.required(top, "request", at: root), at: root.appending("request"))
        let expectation = try decodeExpectation(try reader.required(top, "expect", at: root), at: root.appending("expect"))
        return Fixture(
            id: id, api: api, endpoint: endpoint, summary: summary, level: level, source: source, file: reader.file,
            request: request, expectation: expectation)
    }

    private func decodeRequest(_ value: JSON, at pointer: JSONPointer) throws(FixtureLoadError) -> FixtureRequest {
        let members = try reader.object(value, at: pointer, allowed: Self.requestMembers)
        let method = try reader.requiredString(members, "method", at: pointer)
        guard Self.methods.contains(method) else {
            throw reader.fail(pointer.appending("method"), "'\(method)' is not one of \(Self.methods.joined(separator: ", "))")
        }
        let path = try reader.requiredString(members, "path", at: pointer)
        guard path.hasPrefix("/"), !path.contains(" ") else {
            throw reader.fail(pointer.appending("path"), "'\(path)' must start with '/' and contain no spaces")
        }
        let credentials = try reader.choice(
            try reader.required(members, "auth", at: pointer), at: pointer.appending("auth"), as: CredentialPresentation.self)
        var headers: [HeaderLine] = []
        if let value = members["headers"] {
            let headerPointer = pointer.appending("headers")
            guard case .object(let object) = value else {
                throw reader.fail(headerPointer, "must be an object of header names to values")
            }
            for (name, headerValue) in object {
                guard Self.isToken(name) else {
                    throw reader.fail(headerPointer.appending(name), "'\(name)' is not a header name")
                }
                if ["authorization", "x-api-key"].contains(name.lowercased()) {
                    throw reader.fail(headerPointer.appending(name), "credentials are set with request.auth, not as a header")
                }
                headers.append(
                    HeaderLine(
                        name: name, value: try reader.string(headerValue, at: headerPointer.appending(name), nonEmpty: false)))
            }
        }
        let bodies = ["json", "text", "multipart"].filter { members[$0] != nil }
        guard bodies.count <= 1 else {
            throw reader.fail(pointer.appending(bodies[1]), "a request has at most one body, but it also has '\(bodies[0])'")
        }
        var body: FixtureBody?
        if let json = members["json"] { body = .json(json) }
        if let text = members["text"] { body = .text(try reader.string(text, at: pointer.appending("text"), nonEmpty: false)) }
        if let form = members["multipart"] { body = try decodeMultipart(form, at: pointer.appending("multipart")) }
        return FixtureRequest(method: method, path: path, headers: headers, credentials: credentials, body: body)
    }

    private func decodeMultipart(_ value: JSON, at pointer: JSONPointer) throws(FixtureLoadError) -> FixtureBody {
        let members = try reader.object(value, at: pointer, allowed: ["fields", "files"])
        var fields: [FormField] = []
        if let value = members["fields"] {
            guard case .object(let object) = value else {
                throw reader.fail(pointer.appending("fields"), "must be an object of field names to strings")
            }
            for (name, fieldValue) in object {
                fields.append(
                    FormField(
                        name: name,
                        value: try reader.string(fieldValue, at: pointer.appending("fields").appending(name), nonEmpty: false)))
            }
        }
        var files: [FileUpload] = []
        if let value = members["files"] {
            guard case .array(let elements) = value else {
                throw reader.fail(pointer.appending("files"), "must be an array of files")
            }
            for (index, element) in elements.enumerated() {
                let filePointer = pointer.appending("files").appending(index)
                let file = try reader.object(element, at: filePointer, allowed: ["name", "path", "contentType", "filename"])
                let path = try reader.requiredString(file, "path", at: filePointer)
                guard path.hasPrefix("assets/"), !path.contains("..") else {
                    throw reader.fail(filePointer.appending("path"), "'\(path)' must be a file under assets/")
                }
                guard let data = readAsset(path) else {
                    throw reader.fail(filePointer.appending("path"), "the asset '\(path)' does not exist", kind: .missingAsset)
                }
                files.append(
                    FileUpload(
                        name: try reader.requiredString(file, "name", at: filePointer), path: path,
                        contentType: try reader.requiredString(file, "contentType", at: filePointer),
                        filename: try reader.optionalString(file, "filename", at: filePointer)
                            ?? String(path.split(separator: "/").last!),
                        data: data))
            }
        }
        guard !fields.isEmpty || !files.isEmpty else { throw reader.fail(pointer, "must have fields or files") }
        return .multipart(fields: fields, files: files)
    }

    private func decodeExpectation(_ value: JSON, at pointer: JSONPointer) throws(FixtureLoadError) -> Expectation {
        let members = try reader.object(value, at: pointer, allowed: Self.expectMembers)
        var expectation = Expectation()
        let statusValue = try reader.required(members, "status", at: pointer)
        let statusPointer = pointer.appending("status")
        if case .array(let elements) = statusValue {
            guard !elements.isEmpty else { throw reader.fail(statusPointer, "must name at least one status") }
            var codes: [Int] = []
            for (index, element) in elements.enumerated() {
                codes.append(Int(try reader.integer(element, at: statusPointer.appending(index), in: 100...599)))
            }
            expectation.status = codes
        } else {
            expectation.status = [Int(try reader.integer(statusValue, at: statusPointer, in: 100...599))]
        }
        if let value = members["contentType"] {
            expectation.contentTypes = try reader.strings(value, at: pointer.appending("contentType")).map { $0.lowercased() }
        }
        expectation.schema = try reader.optionalString(members, "schema", at: pointer)
        if let value = members["checks"] { expectation.checks = try reader.stringArray(value, at: pointer.appending("checks")) }
        expectation.json = members["json"]
        if let text = members["text"] {
            guard text.stringValue != nil || text.objectValue != nil else {
                throw reader.fail(pointer.appending("text"), "must be a string or a matcher object, not \(text.typeName)")
            }
            expectation.text = text
        }
        if let golden = try reader.optionalString(members, "golden", at: pointer) {
            guard !golden.contains("/"), golden.contains(".golden.") else {
                throw reader.fail(
                    pointer.appending("golden"), "'\(golden)' must be a file name like <case>.golden.json next to the fixture")
            }
            expectation.golden = golden
        }
        if let value = members["stream"] {
            let streamPointer = pointer.appending("stream")
            let stream = try reader.object(value, at: streamPointer, allowed: ["maxEventWaitSeconds"])
            var expectationOfStream = StreamExpectation()
            if let wait = stream["maxEventWaitSeconds"] {
                expectationOfStream.maxEventWait = .milliseconds(
                    Int64(try reader.number(wait, at: streamPointer.appending("maxEventWaitSeconds"), in: 0.1...600) * 1000))
            }
            expectation.stream = expectationOfStream
        }
        return expectation
    }

    /// `rerank.documented-example`: lowercase parts of letters, digits and '-', joined by '.'.
    static func isCaseID(_ id: String) -> Bool {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2
            && parts.allSatisfy { part in
                !part.isEmpty && part.first != "-" && part.last != "-"
                    && part.utf8.allSatisfy {
                        ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-")
                    }
            }
    }

    /// An HTTP token (RFC 9110): what a header name may be made of.
    static func isToken(_ name: String) -> Bool {
        !name.isEmpty
            && name.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                    || "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
    }
}

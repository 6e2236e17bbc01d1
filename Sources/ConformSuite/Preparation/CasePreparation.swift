import ConformContract
import ConformJSON

/// A case ready to run: the request to send and the expectations with placeholders filled.
public struct PreparedCase: Sendable, Hashable {
    public var fixture: Fixture
    public var request: PreparedRequest
    /// `expect.json` with placeholders filled.
    public var expectedJSON: JSON?
    /// `expect.text` with placeholders filled.
    public var expectedText: JSON?
}

/// Fills a fixture's placeholders from the target's role mapping and adds its credential. A
/// role the mapping leaves open, or a key the run does not have, makes the case skip.
public enum CasePreparation {
    /// Whether a case can run on this target, and if not, why it is skipped.
    public enum Outcome: Sendable, Hashable {
        case ready(PreparedCase)
        /// The case cannot run here; `unmapped` is the placeholder the target left open, when that is why.
        case skipped(reason: String, unmapped: Placeholder? = nil)
    }

    public static func prepare(_ fixture: Fixture, mapping: RoleMapping, apiKey: String?) -> Outcome {
        let source = fixture.request
        if source.credentials.needsKey && apiKey == nil {
            return .skipped(reason: "the run has no API key (--no-auth): this case presents one")
        }
        do {
            let path = try PlaceholderText.fill(source.path, from: mapping)
            var headers: [HeaderLine] = []
            for header in source.headers {
                headers.append(HeaderLine(name: header.name, value: try PlaceholderText.fill(header.value, from: mapping)))
            }
            if let credential = source.credentials.header(key: apiKey ?? "") { headers.append(credential) }
            let body: PreparedBody?
            switch source.body {
            case .json(let json): body = .json(try PlaceholderText.fill(json, from: mapping))
            case .text(let text): body = .text(try PlaceholderText.fill(text, from: mapping))
            case .multipart(let fields, let files):
                var filled: [FormField] = []
                for field in fields {
                    filled.append(FormField(name: field.name, value: try PlaceholderText.fill(field.value, from: mapping)))
                }
                body = .multipart(fields: filled, files: files)
            case nil: body = nil
            }
            let request = PreparedRequest(
                method: source.method, path: path, headers: headers, body: body, credentials: source.credentials)
            return .ready(
                PreparedCase(
                    fixture: fixture, request: request,
                    expectedJSON: try fixture.expectation.json.map { json throws(UnmappedPlaceholder) in
                        try PlaceholderText.fill(json, from: mapping)
                    },
                    expectedText: try fixture.expectation.text.map { text throws(UnmappedPlaceholder) in
                        try PlaceholderText.fill(text, from: mapping)
                    }))
        } catch {
            return .skipped(
                reason: "\(error.placeholder) is not mapped on this target: pass \(error.placeholder.mappingHint)",
                unmapped: error.placeholder)
        }
    }
}

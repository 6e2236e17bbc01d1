import ConformContract
import ConformJSON

/// `output.structured`: structured output is honoured. Chat's `response_format` and the Responses
/// API's `text.format` of type `json_object` make the text a JSON object; of type `json_schema`,
/// JSON valid against the schema the request sent. Judged on every answer the model finished
/// (a text cut by the token limit is not judged), plain or streamed.
public struct StructuredOutputCheck: Check {
    public let descriptor = CheckDescriptor(
        name: "output.structured", level: .must,
        summary:
            "With response_format (chat) or text.format (Responses) json_object the text is a JSON object; with json_schema it is JSON valid against the schema sent.",
        source:
            "OpenAI API, response_format: \"Setting to { \"type\": \"json_schema\", \"json_schema\": {...} } enables Structured Outputs which ensures the model will match your supplied JSON schema… { \"type\": \"json_object\" } enables the older JSON mode, which ensures the message the model generates is valid JSON.\""
    )

    public init() {}

    /// What the request asked for: any JSON object, or JSON valid against a schema.
    enum Format {
        case object
        case schema(SentSchema)
    }

    static func format(_ request: JSON?, row: ContractRow) -> Format? {
        let (format, pointer): (JSON?, String) =
            row == .responses
            ? (request?["text"]?["format"], "/text/format/schema")
            : (request?["response_format"], "/response_format/json_schema/schema")
        switch format?["type"]?.stringValue {
        case "json_object":
            return .object
        case "json_schema":
            let schema = row == .responses ? format?["schema"] : format?["json_schema"]?["schema"]
            return .schema(SentSchema(schema ?? .null, at: pointer))
        default:
            return nil
        }
    }

    public func misuse(in fixture: Fixture) -> String? {
        guard case .json(let body) = fixture.request.body, [.chat, .responses].contains(fixture.endpoint),
            Self.format(body, row: fixture.endpoint) != nil
        else {
            return "needs a chat request with response_format or a Responses request with text.format, of type json_object or json_schema"
        }
        return nil
    }

    public func makeEvaluator(for context: CheckContext) -> any CheckEvaluator {
        Evaluator(format: Self.format(context.request.json, row: context.fixture.endpoint), row: context.fixture.endpoint)
    }

    struct Evaluator: CheckEvaluator {
        let format: Format?
        let row: ContractRow

        mutating func conclude(_ response: ObservedResponse) -> CheckResult {
            guard let format else { return .skip("the request asks for no structured output") }
            guard let answer = response.content(of: row) else {
                return .fail("the answer is not JSON: \(response.bodyPreview)")
            }
            let texts = row == .responses ? Self.responsesTexts(answer) : Self.chatTexts(answer)
            guard !texts.isEmpty else {
                return .skip("no finished text to judge: the token limit cut every answer")
            }
            for (label, text) in texts {
                let value: JSON
                do {
                    value = try JSONParser().parse(Array(text.utf8))
                } catch {
                    return .fail("\(label) is not JSON (\(error)): '\(text.prefix(160))'")
                }
                switch format {
                case .object:
                    guard case .object = value else {
                        return .fail("\(label) is JSON but not an object, as json_object mode promises: \(JSONDiff.preview(value, limit: 120))")
                    }
                case .schema(let schema):
                    if let unusable = schema.unusable { return .skip(unusable) }
                    if let problem = schema.problems(with: value) {
                        return .fail("\(label) \(problem)", actual: value)
                    }
                }
            }
            return .pass
        }

        /// Each finished choice's content, labelled; choices cut by the token limit are left out.
        static func chatTexts(_ answer: JSON) -> [(String, String)] {
            (answer["choices"]?.arrayValue ?? []).compactMap { choice in
                guard choice["finish_reason"]?.stringValue != "length" else { return nil }
                let label = "choice \(choice["index"]?.integerValue ?? 0)'s content"
                return (label, choice["message"]?["content"]?.stringValue ?? "")
            }
        }

        /// The output text of a completed response.
        static func responsesTexts(_ answer: JSON) -> [(String, String)] {
            guard answer["status"]?.stringValue != "incomplete" else { return [] }
            return GeneratedText.texts(of: answer, row: .responses).map { ($0.label, $0.text) }
        }
    }
}

import ConformContract
import ConformJSON

/// `error.openai-envelope`: an error body is `{"error": {"message", "type", "param", "code"}}`.
public struct OpenAIErrorEnvelopeCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "error.openai-envelope", level: .should,
        summary: "The error body is {\"error\": {...}} with message and type strings and param and code present (null allowed), none of them the string \"None\".",
        source:
            "OpenAI OpenAPI spec, ErrorResponse: \"error\" is an Error with required message, type, param (string or null) and code (string or null)."
    )

    public init() {}

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        guard let json = response.json else { return .fail("the error body is not JSON: \(response.bodyPreview)") }
        guard let error = json["error"], case .object(let envelope) = error else {
            return .fail("the error body has no \"error\" object: \(JSONDiff.preview(json))", actual: json)
        }
        var problems: [String] = []
        for key in ["message", "type"] where envelope[key]?.stringValue == nil {
            problems.append(envelope[key].map { "/error/\(key) is \($0.typeName), not a string" } ?? "/error/\(key) is missing")
        }
        for key in ["param", "code"] where envelope[key] == nil {
            problems.append("/error/\(key) is missing (null is allowed, absence is not)")
        }
        if let param = envelope["param"], !param.isNull, param.stringValue == nil {
            problems.append("/error/param is \(param.typeName), not a string or null")
        }
        if let code = envelope["code"], !(code.isNull || code.stringValue != nil || code.integerValue != nil) {
            problems.append("/error/code is \(code.typeName), not a string, integer or null")
        }
        problems += Self.placeholderStrings(in: envelope, at: "/error")
        return problems.isEmpty ? .pass : .fail(problems.joined(separator: "; ") + ": " + JSONDiff.preview(json), actual: json)
    }

    /// Strings that are a language's empty value written out (`"None"`, `"null"`, `"undefined"`),
    /// as a server that formats a missing value into a string sends; clients show them as text.
    static func placeholderStrings(in envelope: JSONObject, at pointer: String) -> [String] {
        envelope.compactMap { key, value in
            guard let text = value.stringValue, ["None", "null", "undefined", "nil", "NaN"].contains(text) else { return nil }
            return "\(pointer)/\(key) is the string \"\(text)\", an empty value written out: send null or a real value"
        }
    }
}

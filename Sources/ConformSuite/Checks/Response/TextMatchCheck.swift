import ConformContract
import ConformJSON
import JSONMatching

/// `text`: a text body equals the fixture's string, or matches its matcher.
public struct TextMatchCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "text", level: .must,
        summary: "The text body is the one the case expects (exactly, or by pattern).",
        source: "The case's source sentence: the text it expects is what the docs or spec state.")

    public init() {}

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        guard let pattern = context.prepared.expectedText else { return .pass }
        guard String(validating: response.body, as: UTF8.self) != nil else {
            return .fail("the body is not UTF-8 text: \(response.bodyPreview)", expected: pattern)
        }
        let text = JSON.string(response.text)
        let mismatches = JSONMatcher.mismatches(of: text, against: pattern)
        guard let first = mismatches.first else { return .pass }
        return .fail("the text body: \(first.message)", expected: pattern, actual: text)
    }
}

import ConformContract
import ConformJSON
import JSONMatching

/// `headers`: the response headers match the fixture's partial matcher (`expect.headers`). Names
/// compare without regard to case; a repeated header's values are joined by `, ` as HTTP allows.
public struct HeadersMatchCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "headers", level: .must,
        summary: "The response headers the case names have the values it expects (or are absent when it says so).",
        source: "The case's source sentence: the headers it expects are those the docs or spec state.")

    public init() {}

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        guard let pattern = context.fixture.expectation.headers else { return .pass }
        var received = JSONObject()
        for header in response.headers {
            let name = header.name.lowercased()
            received[name] = .string(received[name]?.stringValue.map { "\($0), \(header.value)" } ?? header.value)
        }
        let mismatches = JSONMatcher.mismatches(of: .object(received), against: pattern)
        guard let first = mismatches.first else { return .pass }
        let shown = mismatches.prefix(3).map { "header \($0.description.dropFirst())" }.joined(separator: "; ")
        return .fail(shown, expected: pattern, actual: received[first.pointer.tokens.first ?? ""] ?? .null)
    }
}

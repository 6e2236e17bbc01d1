import ConformContract
import ConformJSON
import JSONMatching

/// `json`: the JSON body matches the fixture's partial matcher; a streamed answer is matched as
/// the SDKs assemble it (``StreamAssembly``).
public struct JSONMatchCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "json", level: .must,
        summary: "The JSON body (or the stream, assembled as the SDKs do) matches the values the case expects (objects as subsets, arrays in order).",
        source: "The case's source sentence: the values it expects are those the docs or spec state.")

    public init() {}

    /// At most this many mismatches are named in a message.
    static let shownMismatches = 5

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        guard let pattern = context.prepared.expectedJSON else { return .pass }
        guard let json = response.content(of: context.fixture.endpoint) else {
            if let stream = response.stream, !stream.events.isEmpty {
                return .fail("the stream's \(stream.events.count) events do not assemble into an answer", expected: pattern)
            }
            return .fail("the body is not JSON: \(response.bodyPreview)", expected: pattern)
        }
        let mismatches = JSONMatcher.mismatches(of: json, against: pattern)
        guard !mismatches.isEmpty else { return .pass }
        let assembled = response.json == nil ? "in the stream assembled as the SDKs do: " : ""
        let shown = assembled + mismatches.prefix(Self.shownMismatches).map(\.description).joined(separator: "; ")
        let more = mismatches.count > Self.shownMismatches ? " (and \(mismatches.count - Self.shownMismatches) more)" : ""
        return .fail(shown + more, expected: pattern, actual: mismatches.first.flatMap { json.value(at: $0.pointer) })
    }
}

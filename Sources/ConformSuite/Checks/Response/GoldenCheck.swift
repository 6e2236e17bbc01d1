import ConformContract
import ConformJSON
import Foundation

/// `golden`: the body is exactly the one the deterministic mock gives, stored next to the fixture.
/// Runs only against targets declared deterministic.
public struct GoldenCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "golden", level: .must,
        summary: "A deterministic target answers with exactly the stored golden body.",
        source: "conform's determinism promise: the same request gives the same bytes.")

    public init() {}

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        guard let golden = context.golden else { return .skip("no golden to compare against") }
        switch golden.kind {
        case .json:
            return compareJSON(golden, response)
        case .eventStream:
            return compareEvents(golden, response)
        case .bytes:
            return compareBytes(golden, response)
        }
    }

    private func compareJSON(_ golden: Golden, _ response: ObservedResponse) -> CheckResult {
        guard let expected = try? JSONParser().parse(golden.bytes) else {
            return .fail("the golden \(golden.file) is not JSON; regenerate it with 'conform fixtures regenerate'")
        }
        guard let actual = response.json else {
            return .fail("the body is not JSON: \(response.bodyPreview)", expected: expected)
        }
        let differences = JSONDiff.differences(expected: expected, actual: actual)
        guard !differences.isEmpty else { return .pass }
        let shown = differences.prefix(5).map(\.description).joined(separator: "; ")
        let more = differences.count > 5 ? " (and \(differences.count - 5) more)" : ""
        return .fail("differs from \(golden.file): \(shown)\(more)", expected: expected, actual: actual)
    }

    private func compareEvents(_ golden: Golden, _ response: ObservedResponse) -> CheckResult {
        let expected = Self.eventBlocks(golden.bytes)
        let actual = Self.eventBlocks(response.body)
        for index in 0..<max(expected.count, actual.count) {
            let wanted = index < expected.count ? expected[index] : nil
            let seen = index < actual.count ? actual[index] : nil
            guard wanted != seen else { continue }
            switch (wanted, seen) {
            case (let wanted?, let seen?):
                return .fail(
                    "event \(index) differs from \(golden.file): expected '\(Self.preview(wanted))', got '\(Self.preview(seen))'",
                    expected: .string(wanted), actual: .string(seen))
            case (let wanted?, nil):
                return .fail(
                    "the stream ended after \(actual.count) events; \(golden.file) continues with '\(Self.preview(wanted))'",
                    expected: .string(wanted))
            default:
                return .fail(
                    "the stream has \(actual.count - expected.count) more events than \(golden.file), from '\(Self.preview(seen ?? ""))'",
                    actual: .string(seen ?? ""))
            }
        }
        return .pass
    }

    private func compareBytes(_ golden: Golden, _ response: ObservedResponse) -> CheckResult {
        guard golden.bytes != response.body else { return .pass }
        let offset =
            zip(golden.bytes, response.body).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(golden.bytes.count, response.body.count)
        return .fail(
            "differs from \(golden.file) (\(golden.bytes.count) bytes) at byte \(offset); the body has \(response.body.count) bytes"
        )
    }

    /// The event blocks of a stream body: the text between blank lines, with CRLF read as LF.
    static func eventBlocks(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        return text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
    }

    private static func preview(_ text: String) -> String {
        text.count > 160 ? String(text.prefix(160)) + "…" : text
    }
}

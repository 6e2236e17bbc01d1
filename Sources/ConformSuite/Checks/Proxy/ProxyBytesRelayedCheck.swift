import ConformContract
import ConformJSON

/// `proxy.bytes-relayed`: the generic proxy relays an upstream's answer byte for byte, whatever
/// it is. The case sends a text body to the echo upstream's `/conform-echo/raw`, which answers
/// with exactly those bytes; the answer the client gets must be the same bytes, not a re-encoded,
/// re-serialised or re-framed copy.
public struct ProxyBytesRelayedCheck: ResponseCheck {
    public let descriptor = CheckDescriptor(
        name: "proxy.bytes-relayed", level: .must,
        summary: "A non-JSON upstream answer reaches the client byte for byte (compared as bytes, not as parsed JSON).",
        source:
            "GPUStack docs, Other APIs: the generic proxy forwards requests \"to the target model\" for \"non-OpenAI-compatible APIs\", whose answers need not be JSON; GPUStack's worker proxy streams the upstream body unchanged."
    )

    public init() {}

    public func misuse(in fixture: Fixture) -> String? {
        guard case .text = fixture.request.body, fixture.request.path.contains("/conform-echo/raw") else {
            return "needs a text body sent to the echo upstream's /conform-echo/raw"
        }
        return nil
    }

    public func evaluate(_ response: ObservedResponse, in context: CheckContext) -> CheckResult {
        guard case .text(let sent) = context.request.body else { return .skip("the request has no text body") }
        let expected = Array(sent.utf8)
        guard response.body != expected else { return .pass }
        let at = zip(response.body, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(response.body.count, expected.count)
        return .fail(
            "the upstream answered \(expected.count) bytes, the client got \(response.body.count) that differ from byte \(at) on: \(response.bodyPreview)",
            expected: .string(sent), actual: .string(response.text))
    }
}

import ConformContract
import ConformJSON

/// `stream.incremental`: a stream arrives as it is produced, not all at once at the end, as it
/// does behind a proxy or server that buffers the response. Judged from each event's arrival
/// time: when a stream of at least ``minimumEvents`` events took at least ``minimumDuration`` to
/// finish, its events must not all arrive within a moment (the larger of ``burst`` and 2% of the
/// exchange). A stream too short or too fast to tell is not judged.
public struct StreamIncrementalCheck: EventStreamCheck {
    public let descriptor = CheckDescriptor(
        name: "stream.incremental", level: .must,
        summary:
            "A stream that takes time arrives event by event, not in one burst at the end (as behind a buffering proxy); short or fast streams are not judged.",
        source:
            "GPUStack docs, OpenAI-Compatible APIs: \"stream\": true; OpenAI API: \"If set, partial message deltas will be sent… as they become available\"."
    )

    /// Fewer events than this are not judged.
    static let minimumEvents = 8
    /// Streams that end sooner than this after the request are not judged.
    static let minimumDuration: Duration = .milliseconds(250)
    /// Events closer together than this arrived in one burst.
    static let burst: Duration = .milliseconds(5)

    public init() {}

    public func makeEvaluator(for context: CheckContext) -> any CheckEvaluator {
        Evaluator()
    }

    struct Evaluator: CheckEvaluator {
        mutating func conclude(_ response: ObservedResponse) -> CheckResult {
            if let notAStream = response.notAStream { return .fail(notAStream) }
            let events = response.stream?.events ?? []
            guard events.count >= StreamIncrementalCheck.minimumEvents else {
                return .skip("\(events.count) events are too few to tell streaming from buffering")
            }
            let first = events.first!.arrival
            let last = events.last!.arrival
            guard last >= StreamIncrementalCheck.minimumDuration else {
                return .skip("the stream ended \(Self.milliseconds(last)) after the request: too fast to tell streaming from buffering")
            }
            let moment = max(StreamIncrementalCheck.burst, last / 50)
            guard last - first < moment else { return .pass }
            return .fail(
                "all \(events.count) events arrived within \(Self.milliseconds(last - first)), \(Self.milliseconds(first)) after the request: the stream was buffered (by the server or a proxy in front of it) and delivered at the end, not as produced"
            )
        }

        static func milliseconds(_ duration: Duration) -> String {
            let (seconds, attoseconds) = duration.components
            return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000) ms"
        }
    }
}

import ConformContract
import ConformJSON

/// `stream.incremental`: a stream arrives as it is produced, not held back and delivered at the
/// end, as a buffering proxy (nginx with `proxy_buffering on`, say) delivers it: the response head
/// goes out at once, the body only when the upstream has finished. Judged from arrival times: when
/// at least ``minimumEvents`` events came ``holdBack`` or more after the head, all of them at once
/// (within ``burstPerEvent`` per event), the stream was buffered. A stream whose head came with its
/// events, or which is short, cannot be told from a fast server and is not judged: network or
/// client delay makes a fast stream arrive in one piece too.
public struct StreamIncrementalCheck: EventStreamCheck {
    public let descriptor = CheckDescriptor(
        name: "stream.incremental", level: .must,
        summary:
            "A stream is not held back after its head and then delivered in one burst, as behind a buffering proxy; a stream whose head came with its events is not judged.",
        source:
            "GPUStack docs, OpenAI-Compatible APIs: \"stream\": true; OpenAI API: \"If set, partial message deltas will be sent… as they become available\"."
    )

    /// Fewer events than this are not judged.
    static let minimumEvents = 8
    /// Events that come this long after the head were held back.
    static let holdBack: Duration = .milliseconds(250)
    /// Events closer together than this, per event, arrived in one burst (with 2 ms at least).
    static let burstPerEvent: Duration = .microseconds(200)

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
            let burst = max(.milliseconds(2), StreamIncrementalCheck.burstPerEvent * events.count)
            guard last - first < burst else { return .pass }
            guard let head = response.stream?.headArrival else {
                return .skip("the head's arrival time is unknown, so a burst of events cannot be told from a fast server")
            }
            guard first - head >= StreamIncrementalCheck.holdBack else {
                return .skip(
                    "the head and all \(events.count) events arrived together, \(Self.milliseconds(first)) after the request: a server that produced the stream at once looks the same"
                )
            }
            return .fail(
                "the head arrived \(Self.milliseconds(head)) after the request, then nothing for \(Self.milliseconds(first - head)), then all \(events.count) events within \(Self.milliseconds(last - first)): the stream was held back and delivered at the end (a buffering proxy in front of the server, or a server that does not flush), not as produced"
            )
        }

        static func milliseconds(_ duration: Duration) -> String {
            let (seconds, attoseconds) = duration.components
            return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000) ms"
        }
    }
}

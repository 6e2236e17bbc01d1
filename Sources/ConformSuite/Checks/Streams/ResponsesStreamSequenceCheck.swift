import ConformContract
import ConformJSON
import HTTPWire

/// `stream.responses-sequence`: a Responses API stream names every event after its data's `type`,
/// with `event:` and `data:` in one block, opens with response.created, numbers its events with a
/// rising sequence_number, and ends with exactly one terminal event.
public struct ResponsesStreamSequenceCheck: EventStreamCheck {
    public let descriptor = CheckDescriptor(
        name: "stream.responses-sequence", level: .must,
        summary:
            "Each event is named after its type in one block; response.created comes first, sequence_number rises, and response.completed, .failed or .incomplete comes last.",
        source:
            "OpenAI API, Responses streaming: every event carries \"sequence_number: The sequence number of this event\"; the stream starts with response.created and ends with response.completed."
    )

    public init() {}

    static let openingTypes: Set<String> = ["response.created", "response.queued"]
    static let terminalTypes: Set<String> = ["response.completed", "response.failed", "response.incomplete"]

    public func makeEvaluator(for context: CheckContext) -> any CheckEvaluator {
        Evaluator()
    }

    struct Evaluator: CheckEvaluator {
        var failure = StreamFailure()
        var previous: (number: Int64, event: Int)?
        var terminal: (type: String, event: Int)?
        var events = 0

        mutating func observe(_ event: StreamEvent) {
            guard !failure.hasFailed else { return }
            if let terminal {
                if event.data == "[DONE]" { return }
                return failure.record(
                    "event \(event.index) arrives after the terminal \(terminal.type) (event \(terminal.event))")
            }
            guard let data = event.json, let type = data["type"]?.stringValue else {
                return failure.record("event \(event.index) data is not a JSON object with a type: '\(event.dataPreview)'")
            }
            guard let name = event.name else {
                return failure.record("event \(event.index) (\(type)) has no 'event:' line; Responses events are named after their type")
            }
            if name != type {
                return failure.record("event \(event.index) is named '\(name)' but its data type is '\(type)'")
            }
            if events == 0 && !ResponsesStreamSequenceCheck.openingTypes.contains(type) {
                return failure.record("event \(event.index) is \(type); the stream must open with response.created")
            }
            events += 1
            if type == "error" {
                return failure.record("event \(event.index) is an error: \(data["message"]?.stringValue ?? data.description)")
            }
            guard let number = data["sequence_number"]?.integerValue else {
                return failure.record("event \(event.index) (\(type)) has no integer sequence_number")
            }
            if let previous, number <= previous.number {
                return failure.record(
                    "event \(event.index) (\(type)) has sequence_number \(number), not above \(previous.number) of event \(previous.event)"
                )
            }
            previous = (number, event.index)
            if ResponsesStreamSequenceCheck.terminalTypes.contains(type) { terminal = (type, event.index) }
        }

        mutating func conclude(_ response: ObservedResponse) -> CheckResult {
            if let notAStream = response.notAStream { return .fail(notAStream) }
            // A block that names an event without its data: the openai SDK dispatches it with empty
            // data and fails to parse it, as against GPUStack 2.3.0's re-framed streams.
            if let split = response.stream?.diagnostics.first(where: { $0.kind == .eventWithoutData }) {
                return .fail(
                    "\(split): 'event:' and 'data:' must share one block; the openai SDK reads this block as an event with empty data and raises")
            }
            return failure.verdict {
                terminal == nil
                    ? "the stream ended after \(events) events without response.completed, response.failed or response.incomplete\(response.streamEndingNote)"
                    : nil
            }
        }
    }
}

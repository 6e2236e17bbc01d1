/// Something in an event stream that the standard tolerates but a conformance check may care about.
public struct EventStreamDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// What was noticed.
    public enum Kind: String, Sendable, Hashable {
        /// The stream ended in the middle of a line.
        case endedMidLine
        /// The stream ended before the blank line that dispatches the last event.
        case endedBeforeDispatch
        /// A line is not valid UTF-8.
        case invalidUTF8
        /// An `id` holds NUL and was ignored.
        case idWithNUL
        /// A `retry` value is not a number and was ignored.
        case invalidRetry
        /// A field name the standard does not define was ignored.
        case unknownField
        /// A block with fields but no `data` was not dispatched: a client that dispatches it anyway
        /// (the openai Python SDK does) sees an event with empty data.
        case eventWithoutData
    }

    /// The 1-based line of the stream the note is about.
    public var line: Int
    public var kind: Kind
    public var message: String

    public init(line: Int, kind: Kind, message: String) {
        self.line = line
        self.kind = kind
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

/// Something in an event stream that the standard tolerates but a conformance check may care about.
public struct EventStreamDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line of the stream the note is about.
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

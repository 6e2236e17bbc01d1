import ConformJSON

/// One place where a JSON value does not match what was expected of it: a fixture's partial
/// matcher, or a schema.
public struct JSONMismatch: Sendable, Hashable, CustomStringConvertible {
    /// Where in the value the mismatch is.
    public var pointer: JSONPointer
    /// What is wrong, naming the offending value.
    public var message: String

    public init(pointer: JSONPointer, message: String) {
        self.pointer = pointer
        self.message = message
    }

    public var description: String {
        "\(pointer.isRoot ? "(root)" : pointer.description): \(message)"
    }
}

import ConformJSON

/// One place where a response does not match a fixture's partial matcher.
public struct JSONMismatch: Sendable, Hashable, CustomStringConvertible {
    /// Where in the response the mismatch is.
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

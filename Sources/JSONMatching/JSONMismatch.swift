import ConformContract
import ConformJSON

/// One place where a JSON value does not match what was expected of it: a fixture's partial
/// matcher, or a schema.
public struct JSONMismatch: Sendable, Hashable, CustomStringConvertible {
    /// Where in the value the mismatch is.
    public var pointer: JSONPointer
    /// What is wrong, naming the offending value.
    public var message: String
    /// How binding the rule is: a schema may grade a rule `should` (the letter of a spec beyond
    /// what clients read); everything else is `must`.
    public var level: RequirementLevel

    public init(pointer: JSONPointer, message: String, level: RequirementLevel = .must) {
        self.pointer = pointer
        self.message = message
        self.level = level
    }

    public var description: String {
        "\(pointer.isRoot ? "(root)" : pointer.description): \(message)"
    }
}

/// Why a document is not acceptable JSON, and where: line and column are 1-based (the column counts
/// characters), `offset` is the byte offset from the start of the input.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of problem, stable enough for callers to branch on.
    public enum Kind: String, Sendable, Equatable {
        case empty
        case syntax
        case invalidUTF8
        case duplicateKey
        case trailingData
        case nestingTooDeep
        case numberOutOfRange
        case truncated
        case other
    }

    public var kind: Kind
    public var reason: String
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(kind: Kind, reason: String, line: Int, column: Int, offset: Int) {
        self.kind = kind
        self.reason = reason
        self.line = line
        self.column = column
        self.offset = offset
    }

    public var description: String { "line \(line), column \(column): \(reason)" }
}

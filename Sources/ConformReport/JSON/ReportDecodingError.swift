import ConformJSON

/// Why a JSON document is not a report this version can read, and where: the JSON pointer of the
/// offending member (the member's own address even when it is missing).
public struct ReportDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var pointer: JSONPointer
    public var problem: String

    public init(pointer: JSONPointer, problem: String) {
        self.pointer = pointer
        self.problem = problem
    }

    public var description: String {
        "\(pointer.isRoot ? "(root)" : pointer.description): \(problem)"
    }
}

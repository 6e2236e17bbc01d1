/// One place where two JSON documents differ, addressed by a pointer into both.
public struct JSONDifference: Sendable, Hashable, CustomStringConvertible {
    /// What differs at ``pointer``.
    public enum Kind: Sendable, Hashable {
        /// The expected document has a value here; the actual one does not.
        case missing(expected: JSON)
        /// The actual document has a value here; the expected one does not.
        case unexpected(actual: JSON)
        /// Both have a value here, of different JSON types.
        case typeMismatch(expected: JSON, actual: JSON)
        /// Both have a scalar of the same type here, with different values.
        case valueMismatch(expected: JSON, actual: JSON)
    }

    public var pointer: JSONPointer
    public var kind: Kind

    public init(pointer: JSONPointer, kind: Kind) {
        self.pointer = pointer
        self.kind = kind
    }

    public var description: String {
        let at = pointer.isRoot ? "(root)" : pointer.description
        switch kind {
        case .missing(let expected):
            return "\(at): missing, expected \(JSONDiff.preview(expected))"
        case .unexpected(let actual):
            return "\(at): unexpected \(JSONDiff.preview(actual))"
        case .typeMismatch(let expected, let actual):
            return "\(at): expected \(expected.typeName) \(JSONDiff.preview(expected)), got \(actual.typeName) \(JSONDiff.preview(actual))"
        case .valueMismatch(let expected, let actual):
            return "\(at): expected \(JSONDiff.preview(expected)), got \(JSONDiff.preview(actual))"
        }
    }
}

/// Structural comparison of two JSON documents. Objects are compared member by member regardless of
/// order, arrays element by element by position; integer and real are different types.
public enum JSONDiff {
    /// Every difference between `expected` and `actual`, in document order.
    public static func differences(expected: JSON, actual: JSON) -> [JSONDifference] {
        var found: [JSONDifference] = []
        compare(expected, actual, at: .root, into: &found)
        return found
    }

    private static func compare(_ expected: JSON, _ actual: JSON, at pointer: JSONPointer, into found: inout [JSONDifference]) {
        switch (expected, actual) {
        case (.object(let left), .object(let right)):
            for (key, value) in left {
                if let other = right[key] {
                    compare(value, other, at: pointer.appending(key), into: &found)
                } else {
                    found.append(JSONDifference(pointer: pointer.appending(key), kind: .missing(expected: value)))
                }
            }
            for (key, value) in right where !left.contains(key: key) {
                found.append(JSONDifference(pointer: pointer.appending(key), kind: .unexpected(actual: value)))
            }
        case (.array(let left), .array(let right)):
            for index in 0..<max(left.count, right.count) {
                let here = pointer.appending(index)
                switch (index < left.count, index < right.count) {
                case (true, true): compare(left[index], right[index], at: here, into: &found)
                case (true, false): found.append(JSONDifference(pointer: here, kind: .missing(expected: left[index])))
                default: found.append(JSONDifference(pointer: here, kind: .unexpected(actual: right[index])))
                }
            }
        default:
            if expected.typeName != actual.typeName {
                found.append(JSONDifference(pointer: pointer, kind: .typeMismatch(expected: expected, actual: actual)))
            } else if expected != actual {
                found.append(JSONDifference(pointer: pointer, kind: .valueMismatch(expected: expected, actual: actual)))
            }
        }
    }

    /// A short rendering of a value for messages: long values are cut with an ellipsis.
    public static func preview(_ value: JSON, limit: Int = 80) -> String {
        let text = value.serializedString()
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "…"
    }
}

/// A JSON value exactly as it appeared on the wire: integers and reals stay distinct, and object
/// members keep the order they were written in.
///
/// Equality is structural and strict: `1` and `1.0` differ, object member order does not matter.
/// Use ``JSON/isNumericallyEqual(to:)`` where JSON Schema's looser number equality is wanted.
public enum JSON: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number written without a fraction or exponent that fits in 64 bits.
    case integer(Int64)
    /// A number written with a fraction or an exponent.
    case number(Double)
    case string(String)
    case array([JSON])
    case object(JSONObject)
}

extension JSON {
    /// The JSON Schema name of this value's type: `null`, `boolean`, `integer`, `number`, `string`,
    /// `array` or `object`. A real with no fractional part is still reported as `number`.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The value as an integer: an integer, or a real with no fractional part that fits in 64 bits.
    public var integerValue: Int64? {
        switch self {
        case .integer(let value):
            return value
        case .number(let value):
            guard value.rounded(.towardZero) == value, let exact = Int64(exactly: value) else { return nil }
            return exact
        default:
            return nil
        }
    }

    /// The value of any number, integer or real, as a `Double`.
    public var doubleValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }

    public var isNumber: Bool { doubleValue != nil }

    public var arrayValue: [JSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The member named `key` when this value is an object.
    public subscript(key: String) -> JSON? {
        get { objectValue?[key] }
        set {
            guard case .object(var object) = self else { return }
            // Let go of this value's reference first, so the object is mutated in place, not copied.
            self = .null
            object[key] = newValue
            self = .object(object)
        }
    }

    /// The element at `index` when this value is an array and the index is in range.
    public subscript(index: Int) -> JSON? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// Equality as JSON Schema defines it: numbers compare by mathematical value (`1 == 1.0`),
    /// strings by code point (`"\u{E9}"` differs from `"e\u{301}"`, which Swift's `==` equates),
    /// everything else structurally.
    public func isNumericallyEqual(to other: JSON) -> Bool {
        switch (self, other) {
        case (.integer(let a), .integer(let b)):
            return a == b
        case (.string(let a), .string(let b)):
            return a.utf8.elementsEqual(b.utf8)
        case (.integer, .number), (.number, .integer), (.number, .number):
            return JSONNumberComparison.equal(self, other)
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isNumericallyEqual(to: $1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            return a.allSatisfy { key, value in b[key].map { value.isNumericallyEqual(to: $0) } ?? false }
        default:
            return self == other
        }
    }
}

/// Exact comparison of JSON numbers, integer against real, without rounding an `Int64` through `Double`.
enum JSONNumberComparison {
    static func equal(_ a: JSON, _ b: JSON) -> Bool {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.integer(let x), .number(let y)), (.number(let y), .integer(let x)): Int64(exactly: y) == x
        default: false
        }
    }
}

extension JSON: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension JSON: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSON: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension JSON: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .number(value) }
}

extension JSON: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension JSON: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
}

extension JSON: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self = .object(JSONObject(elements))
    }
}

extension JSON: CustomStringConvertible {
    /// The compact serialization, members in their original order.
    public var description: String { serializedString() }
}

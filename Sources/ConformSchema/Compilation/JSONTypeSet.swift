import ConformJSON

/// The JSON Schema types a `type` keyword allows. `integer` accepts any number with a zero
/// fractional part (`1.0` is an integer); `number` accepts integers too.
struct JSONTypeSet: OptionSet, Sendable {
    let rawValue: UInt8

    static let null = JSONTypeSet(rawValue: 1 << 0)
    static let boolean = JSONTypeSet(rawValue: 1 << 1)
    static let integer = JSONTypeSet(rawValue: 1 << 2)
    static let number = JSONTypeSet(rawValue: 1 << 3)
    static let string = JSONTypeSet(rawValue: 1 << 4)
    static let array = JSONTypeSet(rawValue: 1 << 5)
    static let object = JSONTypeSet(rawValue: 1 << 6)

    static let namedTypes: [(name: String, type: JSONTypeSet)] = [
        ("null", .null), ("boolean", .boolean), ("integer", .integer), ("number", .number),
        ("string", .string), ("array", .array), ("object", .object),
    ]

    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    init?(name: String) {
        guard let named = Self.namedTypes.first(where: { $0.name == name }) else { return nil }
        self = named.type
    }

    func admits(_ value: JSON) -> Bool {
        switch value {
        case .null: contains(.null)
        case .bool: contains(.boolean)
        case .integer: !isDisjoint(with: [.integer, .number])
        case .number(let real): contains(.number) || (contains(.integer) && real.rounded(.towardZero) == real)
        case .string: contains(.string)
        case .array: contains(.array)
        case .object: contains(.object)
        }
    }

    /// The allowed type names in the order JSON Schema lists them, e.g. `["string", "null"]`.
    var names: [String] {
        Self.namedTypes.filter { contains($0.type) }.map(\.name)
    }
}

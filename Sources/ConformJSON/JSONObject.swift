/// The members of a JSON object: unique keys, kept in the order they were first written, with
/// constant-time lookup. Two objects are equal when they hold the same members in any order.
public struct JSONObject: Sendable {
    public private(set) var keys: [String]
    private var members: [String: JSON]

    public init() {
        keys = []
        members = [:]
    }

    /// Builds an object from pairs in order; a repeated key keeps its first position and last value.
    public init(_ pairs: some Sequence<(String, JSON)>) {
        self.init()
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// The member values in key order.
    public var values: [JSON] { keys.map { members[$0]! } }

    /// Reads a member; assigning `nil` removes it, assigning to an existing key keeps its position.
    public subscript(key: String) -> JSON? {
        get { members[key] }
        set {
            if let newValue {
                if members.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if members.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public func contains(key: String) -> Bool { members[key] != nil }

    /// The keys in canonical order: by Unicode code point, which for UTF-8 is byte order.
    public var sortedKeys: [String] {
        keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}

extension JSONObject: Sequence {
    /// Walks the members in key order.
    public struct Iterator: IteratorProtocol {
        let object: JSONObject
        var index = 0

        public mutating func next() -> (key: String, value: JSON)? {
            guard index < object.keys.count else { return nil }
            let key = object.keys[index]
            index += 1
            return (key, object.members[key]!)
        }
    }

    public func makeIterator() -> Iterator { Iterator(object: self) }
}

extension JSONObject: Hashable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool { lhs.members == rhs.members }
    public func hash(into hasher: inout Hasher) { hasher.combine(members) }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self.init(elements)
    }
}

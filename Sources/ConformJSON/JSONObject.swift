/// The members of a JSON object: unique keys, kept in the order they were first written, with
/// fast lookup. Two objects are equal when they hold the same members in any order.
///
/// Members live in one array in written order. Most objects on the wire have a handful of
/// members, and comparing a few short keys costs less than hashing one, so lookups scan the array;
/// only objects with more than ``indexThreshold`` members also keep a key-to-position index.
public struct JSONObject: Sendable {
    /// One member; a struct rather than a tuple, whose type the runtime would look up on every copy
    /// and release of the array.
    struct Member: Sendable {
        var key: String
        var value: JSON
    }

    private var members: [Member]
    /// Position of each key in `members`; present exactly when there are more than
    /// ``indexThreshold`` members.
    private var positions: [String: Int]?

    /// The member count above which lookups go through a hash index instead of a scan.
    static let indexThreshold = 12

    public init() {
        members = []
        positions = nil
    }

    /// Builds an object from pairs in order; a repeated key keeps its first position and last value.
    public init(_ pairs: some Sequence<(String, JSON)>) {
        self.init()
        members.reserveCapacity(pairs.underestimatedCount)
        for (key, value) in pairs { self[key] = value }
    }

    /// Builds an object from members whose keys the caller guarantees to be unique (a strict
    /// parser that rejects duplicates), without checking them again.
    init(uniqueMembers: [Member]) {
        members = uniqueMembers
        positions = nil
        if members.count > Self.indexThreshold { rebuildPositions() }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }

    /// The keys in the order they were first written.
    public var keys: [String] { members.map(\.key) }

    /// The member values in key order.
    public var values: [JSON] { members.map(\.value) }

    /// Reads a member; assigning `nil` removes it, assigning to an existing key keeps its position.
    public subscript(key: String) -> JSON? {
        get {
            guard let position = position(of: key) else { return nil }
            return members[position].value
        }
        set {
            let position = position(of: key)
            switch (position, newValue) {
            case (let position?, let newValue?):
                members[position].value = newValue
            case (let position?, nil):
                members.remove(at: position)
                if positions != nil { rebuildPositions() }
            case (nil, let newValue?):
                members.append(Member(key: key, value: newValue))
                if positions != nil {
                    positions![key] = members.count - 1
                } else if members.count > Self.indexThreshold {
                    rebuildPositions()
                }
            case (nil, nil):
                break
            }
        }
    }

    public func contains(key: String) -> Bool { position(of: key) != nil }

    /// The keys in canonical order: by Unicode code point, which for UTF-8 is byte order.
    public var sortedKeys: [String] {
        keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The members in canonical key order, for writers that sort.
    var sortedMembers: [Member] {
        members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    /// The members in written order, for writers.
    var orderedMembers: [Member] { members }

    private func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        for index in members.indices where members[index].key == key { return index }
        return nil
    }

    private mutating func rebuildPositions() {
        guard members.count > Self.indexThreshold else {
            positions = nil
            return
        }
        var index: [String: Int] = [:]
        index.reserveCapacity(members.count)
        for (position, member) in members.enumerated() { index[member.key] = position }
        positions = index
    }
}

extension JSONObject: Sequence {
    /// Walks the members in written order.
    public struct Iterator: IteratorProtocol {
        var members: IndexingIterator<[Member]>

        public mutating func next() -> (key: String, value: JSON)? {
            members.next().map { ($0.key, $0.value) }
        }
    }

    public func makeIterator() -> Iterator { Iterator(members: members.makeIterator()) }

    public var underestimatedCount: Int { members.count }
}

extension JSONObject: Hashable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.members.allSatisfy { member in rhs[member.key] == member.value }
    }

    /// Independent of member order, as equality is: each member is hashed on its own and the
    /// results are combined with an order-free operation.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for member in members {
            var memberHasher = Hasher()
            memberHasher.combine(member.key)
            memberHasher.combine(member.value)
            combined ^= memberHasher.finalize()
        }
        hasher.combine(members.count)
        hasher.combine(combined)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self.init(elements)
    }
}

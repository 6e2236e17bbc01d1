/// Encodes `Encodable` values into a ``JSON`` tree, so that one Swift type can define a file
/// format both ways: members come out in the order `encode(to:)` writes them (the declaration
/// order for synthesized conformances), integers stay integers, and a `nil` optional is left out
/// unless the type encodes it explicitly. A member of type ``JSON`` is written as it is.
public struct JSONValueEncoder: Sendable {
    public init() {}

    public func encode(_ value: some Encodable) throws -> JSON {
        let root = EncodingNode()
        try JSONTreeEncoder(node: root, codingPath: []).encode(value)
        return root.value
    }
}

/// A value under construction; containers hand out child nodes and read them back at the end.
final class EncodingNode {
    enum Content {
        case unset
        case value(JSON)
        case object([(String, EncodingNode)])
        case array([EncodingNode])
    }

    var content: Content = .unset

    var value: JSON {
        switch content {
        case .unset: .object([:])
        case .value(let json): json
        case .object(let members): .object(JSONObject(members.map { ($0.0, $0.1.value) }))
        case .array(let elements): .array(elements.map(\.value))
        }
    }

    func child(forKey key: String) -> EncodingNode {
        var members: [(String, EncodingNode)] = []
        if case .object(let existing) = content { members = existing }
        if let index = members.firstIndex(where: { $0.0 == key }) { return members[index].1 }
        let node = EncodingNode()
        members.append((key, node))
        content = .object(members)
        return node
    }

    func appendChild() -> EncodingNode {
        var elements: [EncodingNode] = []
        if case .array(let existing) = content { elements = existing }
        let node = EncodingNode()
        elements.append(node)
        content = .array(elements)
        return node
    }
}

struct JSONTreeEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func encode(_ value: some Encodable) throws {
        if let json = value as? JSON {
            node.content = .value(json)
        } else {
            try value.encode(to: self)
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .unset = node.content { node.content = .object([]) }
        return KeyedEncodingContainer(KeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .unset = node.content { node.content = .array([]) }
        return UnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(encoder: self)
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: JSONTreeEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        private func child(_ key: Key) -> JSONTreeEncoder {
            JSONTreeEncoder(node: encoder.node.child(forKey: key.stringValue), codingPath: codingPath + [key])
        }

        mutating func encodeNil(forKey key: Key) throws { child(key).node.content = .value(.null) }
        mutating func encode(_ value: some Encodable, forKey key: Key) throws { try child(key).encode(value) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        {
            child(key).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            child(key).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { encoder }
        mutating func superEncoder(forKey key: Key) -> any Encoder { child(key) }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let encoder: JSONTreeEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }
        var count: Int {
            if case .array(let elements) = encoder.node.content { return elements.count }
            return 0
        }

        private func next() -> JSONTreeEncoder {
            let index = count
            return JSONTreeEncoder(node: encoder.node.appendChild(), codingPath: codingPath + [IndexKey(index)])
        }

        mutating func encodeNil() throws { next().node.content = .value(.null) }
        mutating func encode(_ value: some Encodable) throws { try next().encode(value) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            next().container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { next().unkeyedContainer() }
        mutating func superEncoder() -> any Encoder { next() }
    }

    struct SingleContainer: SingleValueEncodingContainer {
        let encoder: JSONTreeEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        private func set(_ value: JSON) { encoder.node.content = .value(value) }

        mutating func encodeNil() throws { set(.null) }
        mutating func encode(_ value: Bool) throws { set(.bool(value)) }
        mutating func encode(_ value: String) throws { set(.string(value)) }
        mutating func encode(_ value: Double) throws { set(try Self.real(value, codingPath)) }
        mutating func encode(_ value: Float) throws { set(try Self.real(Double(value), codingPath)) }
        mutating func encode(_ value: Int) throws { set(.integer(Int64(value))) }
        mutating func encode(_ value: Int8) throws { set(.integer(Int64(value))) }
        mutating func encode(_ value: Int16) throws { set(.integer(Int64(value))) }
        mutating func encode(_ value: Int32) throws { set(.integer(Int64(value))) }
        mutating func encode(_ value: Int64) throws { set(.integer(value)) }
        mutating func encode(_ value: UInt) throws { set(try Self.integer(value, codingPath)) }
        mutating func encode(_ value: UInt8) throws { set(.integer(Int64(value))) }
        mutating func encode(_ value: UInt16) throws { set(.integer(Int64(value))) }
        mutating func encode(_ value: UInt32) throws { set(.integer(Int64(value))) }
        mutating func encode(_ value: UInt64) throws { set(try Self.integer(value, codingPath)) }
        mutating func encode(_ value: some Encodable) throws { try encoder.encode(value) }

        static func real(_ value: Double, _ path: [any CodingKey]) throws -> JSON {
            guard value.isFinite else {
                throw EncodingError.invalidValue(value, .init(codingPath: path, debugDescription: "JSON has no \(value)"))
            }
            return .number(value)
        }

        static func integer(_ value: some BinaryInteger, _ path: [any CodingKey]) throws -> JSON {
            guard let exact = Int64(exactly: value) else {
                throw EncodingError.invalidValue(value, .init(codingPath: path, debugDescription: "\(value) does not fit in 64 bits"))
            }
            return .integer(exact)
        }
    }
}

/// An array position as a coding key.
struct IndexKey: CodingKey {
    let intValue: Int?
    let stringValue: String

    init(_ index: Int) {
        intValue = index
        stringValue = String(index)
    }

    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.init(intValue) }
}

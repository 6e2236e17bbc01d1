/// Decodes `Decodable` values from a ``JSON`` tree. A failure names the member by its JSON
/// pointer (``JSONDecodingError``), so a file read through a Swift type can say which field is
/// wrong. Integers decode only from integers (or reals with no fraction), never by truncation; a
/// member of type ``JSON`` receives the value as it is.
public struct JSONValueDecoder: Sendable {
    /// Whether a member that no type read is an error, as in a format that names every member.
    public var rejectsUnknownMembers: Bool

    public init(rejectsUnknownMembers: Bool = false) {
        self.rejectsUnknownMembers = rejectsUnknownMembers
    }

    public func decode<Value: Decodable>(_ type: Value.Type, from json: JSON) throws(JSONDecodingError) -> Value {
        do {
            let reads = rejectsUnknownMembers ? MemberReads() : nil
            let value = try JSONTreeDecoder(value: json, codingPath: [], reads: reads).decode(type)
            if let unknown = reads?.firstUnread(in: json) {
                throw JSONDecodingError(pointer: unknown, message: "unknown member")
            }
            return value
        } catch let error as JSONDecodingError {
            throw error
        } catch let error as DecodingError {
            throw JSONDecodingError(error)
        } catch {
            throw JSONDecodingError(pointer: .root, message: "\(error)")
        }
    }
}

/// Why a JSON value does not decode as a type: where (a JSON pointer) and what is wrong there.
public struct JSONDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var pointer: JSONPointer
    public var message: String

    public init(pointer: JSONPointer, message: String) {
        self.pointer = pointer
        self.message = message
    }

    /// A `DecodingError` thrown by a type's own `init(from:)`, located by its coding path.
    init(_ error: DecodingError) {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            self.init(pointer: Self.pointer(context.codingPath), message: context.debugDescription)
        case .keyNotFound(let key, let context):
            self.init(pointer: Self.pointer(context.codingPath + [key]), message: "required member is missing")
        @unknown default:
            self.init(pointer: .root, message: "\(error)")
        }
    }

    static func pointer(_ path: [any CodingKey]) -> JSONPointer {
        JSONPointer(tokens: path.map { $0.intValue.map(String.init) ?? $0.stringValue })
    }

    public var description: String {
        pointer.isRoot ? message : "\(pointer): \(message)"
    }
}

/// Which members of which objects the decoded types read, to find the ones nobody did.
final class MemberReads {
    private var read: [JSONPointer: Set<String>] = [:]

    func opened(_ object: JSONPointer) {
        if read[object] == nil { read[object] = [] }
    }

    func read(_ key: String, in object: JSONPointer) {
        read[object, default: []].insert(key)
    }

    /// The first member, in document order, of an object read as a keyed container whose key no
    /// type asked for.
    func firstUnread(in json: JSON, at pointer: JSONPointer = .root) -> JSONPointer? {
        switch json {
        case .object(let object):
            let known = read[pointer]
            for (key, value) in object {
                if let known, !known.contains(key) { return pointer.appending(key) }
                if known != nil, let inner = firstUnread(in: value, at: pointer.appending(key)) { return inner }
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                if let inner = firstUnread(in: element, at: pointer.appending(index)) { return inner }
            }
        default:
            break
        }
        return nil
    }
}

struct JSONTreeDecoder: Decoder {
    let value: JSON
    let codingPath: [any CodingKey]
    /// Set when unknown members are refused.
    let reads: MemberReads?
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    var pointer: JSONPointer { JSONDecodingError.pointer(codingPath) }

    func fail(_ message: String) -> JSONDecodingError {
        JSONDecodingError(pointer: JSONDecodingError.pointer(codingPath), message: message)
    }

    /// `expected a string, found integer 7`.
    func mismatch(_ expected: String) -> JSONDecodingError {
        fail("expected \(expected), found \(Self.describe(value))")
    }

    static func describe(_ value: JSON) -> String {
        switch value {
        case .null: "null"
        case .bool, .integer: "\(value.typeName) \(value)"
        case .number: "number \(value)"
        case .string: "string \(JSONDiff.preview(value, limit: 40))"
        case .array: "an array"
        case .object: "an object"
        }
    }

    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        if type == JSON.self { return value as! Value }
        do {
            return try Value(from: self)
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.count == codingPath.count {
            // An enumeration given a value it does not have: list the ones it does.
            guard let iterable = type as? any CaseIterable.Type else { throw DecodingError.dataCorrupted(context) }
            throw fail("expected one of \(Self.caseNames(iterable).joined(separator: ", ")), found \(value)")
        }
    }

    static func caseNames<Cases: CaseIterable>(_ type: Cases.Type) -> [String] {
        Cases.allCases.map { element in
            if let raw = (element as? any RawRepresentable)?.rawValue { return "\(raw)" }
            return "\(element)"
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else { throw mismatch("an object") }
        reads?.opened(pointer)
        return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, object: object))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw mismatch("an array") }
        return UnkeyedContainer(decoder: self, elements: elements)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleContainer(decoder: self)
    }

    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: JSONTreeDecoder
        let object: JSONObject
        var codingPath: [any CodingKey] { decoder.codingPath }
        var allKeys: [Key] { object.keys.compactMap(Key.init(stringValue:)) }

        private func noteRead(_ key: Key) {
            decoder.reads?.read(key.stringValue, in: decoder.pointer)
        }

        func contains(_ key: Key) -> Bool {
            noteRead(key)
            return object[key.stringValue] != nil
        }

        private func child(_ key: Key) throws -> JSONTreeDecoder {
            noteRead(key)
            guard let value = object[key.stringValue] else {
                throw JSONDecodingError(pointer: decoder.pointer.appending(key.stringValue), message: "required member is missing")
            }
            return JSONTreeDecoder(value: value, codingPath: codingPath + [key], reads: decoder.reads)
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            noteRead(key)
            return object[key.stringValue]?.isNull ?? true
        }

        func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value {
            try child(key).decode(type)
        }

        func decodeIfPresent<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value? {
            noteRead(key)
            guard let value = object[key.stringValue] else { return nil }
            // A member of type JSON keeps an explicit null; any other optional reads it as absent.
            if value.isNull && type != JSON.self { return nil }
            return try JSONTreeDecoder(value: value, codingPath: codingPath + [key], reads: decoder.reads).decode(type)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            try child(key).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try child(key).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { decoder }
        func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }
    }

    struct UnkeyedContainer: UnkeyedDecodingContainer {
        let decoder: JSONTreeDecoder
        let elements: [JSON]
        var currentIndex = 0
        var codingPath: [any CodingKey] { decoder.codingPath }
        var count: Int? { elements.count }
        var isAtEnd: Bool { currentIndex >= elements.count }

        init(decoder: JSONTreeDecoder, elements: [JSON]) {
            self.decoder = decoder
            self.elements = elements
        }

        private mutating func next() throws -> JSONTreeDecoder {
            guard !isAtEnd else { throw decoder.fail("has too few elements (\(elements.count))") }
            defer { currentIndex += 1 }
            return JSONTreeDecoder(value: elements[currentIndex], codingPath: codingPath + [IndexKey(currentIndex)], reads: decoder.reads)
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, elements[currentIndex].isNull else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode<Value: Decodable>(_ type: Value.Type) throws -> Value { try next().decode(type) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try next().container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
        mutating func superDecoder() throws -> any Decoder { try next() }
    }

    struct SingleContainer: SingleValueDecodingContainer {
        let decoder: JSONTreeDecoder
        var codingPath: [any CodingKey] { decoder.codingPath }
        var value: JSON { decoder.value }

        func decodeNil() -> Bool { value.isNull }

        func decode(_ type: Bool.Type) throws -> Bool {
            guard case .bool(let flag) = value else { throw decoder.mismatch("a boolean") }
            return flag
        }

        func decode(_ type: String.Type) throws -> String {
            guard case .string(let text) = value else { throw decoder.mismatch("a string") }
            return text
        }

        func decode(_ type: Double.Type) throws -> Double {
            guard let number = value.doubleValue else { throw decoder.mismatch("a number") }
            return number
        }

        func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

        private func integer<Integer: FixedWidthInteger>(_ type: Integer.Type) throws -> Integer {
            guard let whole = value.integerValue else { throw decoder.mismatch("an integer") }
            guard let exact = Integer(exactly: whole) else { throw decoder.fail("\(whole) is out of range") }
            return exact
        }

        func decode(_ type: Int.Type) throws -> Int { try integer(type) }
        func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
        func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
        func decode<Value: Decodable>(_ type: Value.Type) throws -> Value { try decoder.decode(type) }
    }
}

extension JSON: Codable {
    /// Any JSON value through any coder; the JSON tree coders pass it through untouched.
    public init(from decoder: any Decoder) throws {
        if let tree = decoder as? JSONTreeDecoder {
            self = tree.value
            return
        }
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            self = .object(JSONObject(try object.allKeys.map { ($0.stringValue, try object.decode(JSON.self, forKey: $0)) }))
        } else if var array = try? decoder.unkeyedContainer() {
            var elements: [JSON] = []
            while !array.isAtEnd { elements.append(try array.decode(JSON.self)) }
            self = .array(elements)
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                self = .null
            } else if let flag = try? single.decode(Bool.self) {
                self = .bool(flag)
            } else if let integer = try? single.decode(Int64.self) {
                self = .integer(integer)
            } else if let number = try? single.decode(Double.self) {
                self = .number(number)
            } else {
                self = .string(try single.decode(String.self))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if let tree = encoder as? JSONTreeEncoder {
            tree.node.content = .value(self)
            return
        }
        switch self {
        case .null:
            var single = encoder.singleValueContainer()
            try single.encodeNil()
        case .bool(let flag):
            var single = encoder.singleValueContainer()
            try single.encode(flag)
        case .integer(let integer):
            var single = encoder.singleValueContainer()
            try single.encode(integer)
        case .number(let number):
            var single = encoder.singleValueContainer()
            try single.encode(number)
        case .string(let text):
            var single = encoder.singleValueContainer()
            try single.encode(text)
        case .array(let elements):
            var array = encoder.unkeyedContainer()
            for element in elements { try array.encode(element) }
        case .object(let object):
            var container = encoder.container(keyedBy: AnyKey.self)
            for (key, value) in object { try container.encode(value, forKey: AnyKey(key)) }
        }
    }
}

/// Any member name as a coding key, for objects whose keys are data.
public struct AnyKey: CodingKey, Hashable, Sendable {
    public let stringValue: String
    public var intValue: Int? { nil }

    public init(_ name: String) { stringValue = name }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}

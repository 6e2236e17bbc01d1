import ConformJSON

/// Reads the members of one JSON object by name and type, answering every mismatch with a
/// ``ReportDecodingError`` that carries the member's JSON pointer. Each member read is recorded,
/// so ``rejectUnreadMembers()`` can refuse members the layout does not define.
struct JSONFieldReader {
    let object: JSONObject
    let pointer: JSONPointer
    private var read: Set<String> = []

    init(_ value: JSON, at pointer: JSONPointer) throws(ReportDecodingError) {
        guard case .object(let object) = value else {
            throw ReportDecodingError(pointer: pointer, problem: "expected an object, found \(Self.describe(value))")
        }
        self.object = object
        self.pointer = pointer
    }

    /// The member's value, or nil when it is absent. JSON `null` is a present value.
    mutating func optionalValue(_ key: String) -> JSON? {
        read.insert(key)
        return object[key]
    }

    mutating func value(_ key: String) throws(ReportDecodingError) -> JSON {
        guard let value = optionalValue(key) else {
            throw ReportDecodingError(pointer: pointer.appending(key), problem: "required member is missing")
        }
        return value
    }

    mutating func string(_ key: String) throws(ReportDecodingError) -> String {
        let value = try value(key)
        return try Self.string(value, at: pointer.appending(key))
    }

    mutating func optionalString(_ key: String) throws(ReportDecodingError) -> String? {
        guard let value = optionalValue(key) else { return nil }
        return try Self.string(value, at: pointer.appending(key))
    }

    mutating func bool(_ key: String) throws(ReportDecodingError) -> Bool {
        let value = try value(key)
        guard let flag = value.boolValue else { throw Self.mismatch("true or false", value, at: pointer.appending(key)) }
        return flag
    }

    mutating func integer(_ key: String) throws(ReportDecodingError) -> Int {
        let value = try value(key)
        return try Self.integer(value, at: pointer.appending(key))
    }

    mutating func optionalInteger(_ key: String) throws(ReportDecodingError) -> Int? {
        guard let value = optionalValue(key) else { return nil }
        return try Self.integer(value, at: pointer.appending(key))
    }

    mutating func double(_ key: String) throws(ReportDecodingError) -> Double {
        let value = try value(key)
        return try Self.double(value, at: pointer.appending(key))
    }

    mutating func optionalDouble(_ key: String) throws(ReportDecodingError) -> Double? {
        guard let value = optionalValue(key) else { return nil }
        return try Self.double(value, at: pointer.appending(key))
    }

    /// A string member that must be one of an enumeration's raw values.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _ key: String, as type: Choice.Type
    ) throws(ReportDecodingError) -> Choice
    where Choice.RawValue == String {
        let text = try string(key)
        guard let choice = Choice(rawValue: text) else {
            let allowed = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw ReportDecodingError(pointer: pointer.appending(key), problem: "expected one of \(allowed), found \"\(text)\"")
        }
        return choice
    }

    /// The elements of an array member, each with its own pointer.
    mutating func elements(_ key: String) throws(ReportDecodingError) -> [(value: JSON, pointer: JSONPointer)] {
        let value = try value(key)
        let arrayPointer = pointer.appending(key)
        guard case .array(let elements) = value else { throw Self.mismatch("an array", value, at: arrayPointer) }
        return elements.enumerated().map { ($0.element, arrayPointer.appending($0.offset)) }
    }

    mutating func strings(_ key: String) throws(ReportDecodingError) -> [String] {
        var result: [String] = []
        for element in try elements(key) { result.append(try Self.string(element.value, at: element.pointer)) }
        return result
    }

    /// An object member whose values are all strings.
    mutating func stringMap(_ key: String) throws(ReportDecodingError) -> [String: String] {
        let nested = try JSONFieldReader(value(key), at: pointer.appending(key))
        var result: [String: String] = [:]
        for (name, value) in nested.object { result[name] = try Self.string(value, at: nested.pointer.appending(name)) }
        return result
    }

    mutating func nested(_ key: String) throws(ReportDecodingError) -> JSONFieldReader {
        try JSONFieldReader(value(key), at: pointer.appending(key))
    }

    mutating func optionalNested(_ key: String) throws(ReportDecodingError) -> JSONFieldReader? {
        guard let value = optionalValue(key) else { return nil }
        return try JSONFieldReader(value, at: pointer.appending(key))
    }

    /// Marks members the layout allows but the model does not keep, such as derived counts.
    mutating func ignore(_ key: String) {
        read.insert(key)
    }

    /// Fails on the first member, in document order, that no read asked for: a misspelt optional
    /// member would otherwise be dropped without a word.
    func rejectUnreadMembers() throws(ReportDecodingError) {
        if let unknown = object.keys.first(where: { !read.contains($0) }) {
            throw ReportDecodingError(pointer: pointer.appending(unknown), problem: "unknown member")
        }
    }

    static func string(_ value: JSON, at pointer: JSONPointer) throws(ReportDecodingError) -> String {
        guard let text = value.stringValue else { throw mismatch("a string", value, at: pointer) }
        return text
    }

    static func integer(_ value: JSON, at pointer: JSONPointer) throws(ReportDecodingError) -> Int {
        guard let number = value.integerValue, let integer = Int(exactly: number) else {
            throw mismatch("an integer", value, at: pointer)
        }
        return integer
    }

    static func double(_ value: JSON, at pointer: JSONPointer) throws(ReportDecodingError) -> Double {
        guard let number = value.doubleValue else { throw mismatch("a number", value, at: pointer) }
        return number
    }

    static func mismatch(_ wanted: String, _ value: JSON, at pointer: JSONPointer) -> ReportDecodingError {
        ReportDecodingError(pointer: pointer, problem: "expected \(wanted), found \(describe(value))")
    }

    static func describe(_ value: JSON) -> String {
        switch value {
        case .object: "an object"
        case .array: "an array"
        case .null: "null"
        default: "\(value.typeName) \(value.serializedString().prefix(60))"
        }
    }
}

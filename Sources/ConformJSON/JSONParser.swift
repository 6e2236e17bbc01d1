import CJansson

/// Strict JSON parsing through jansson: duplicate keys, invalid UTF-8, trailing data, NaN and
/// Infinity, numbers out of range and nesting beyond ``maximumDepth`` are all rejected with the line,
/// column and reason. Any value may stand at the top level.
public struct JSONParser: Sendable {
    /// The deepest nesting of arrays and objects accepted; the outermost container is depth 1.
    public var maximumDepth: Int

    public static let defaultMaximumDepth = 512

    public init(maximumDepth: Int = JSONParser.defaultMaximumDepth) {
        // jansson refuses anything deeper than its compiled-in JSON_PARSER_MAX_DEPTH on its own.
        self.maximumDepth = min(max(maximumDepth, 1), Int(JSON_PARSER_MAX_DEPTH))
    }

    public func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSON {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) in try parse(buffer: buffer) }
        }
        return try result.get()
    }

    public func parse(_ text: String) throws(JSONParseError) -> JSON {
        var text = text
        let result = text.withUTF8 { utf8 in
            Result { () throws(JSONParseError) in try parse(buffer: UnsafeRawBufferPointer(utf8)) }
        }
        return try result.get()
    }

    /// Whether ``parse(buffer:)`` would accept `buffer`, without building the Swift tree: several
    /// times cheaper, for a caller that copies valid JSON through as it is.
    public func accepts(_ buffer: UnsafeRawBufferPointer) -> Bool {
        if buffer.count > maximumDepth, NestingScanner.firstOffsetDeeperThan(maximumDepth, in: buffer) != nil { return false }
        guard let root = load(buffer) else { return false }
        cjansson_decref(root)
        return true
    }

    private func load(_ buffer: UnsafeRawBufferPointer, error: UnsafeMutablePointer<json_error_t>? = nil) -> UnsafeMutablePointer<json_t>? {
        let flags = JSON_REJECT_DUPLICATES | JSON_DECODE_ANY | JSON_ALLOW_NUL
        let empty: CChar = 0
        return withUnsafePointer(to: empty) { fallback in
            json_loadb(buffer.baseAddress?.assumingMemoryBound(to: CChar.self) ?? fallback, buffer.count, Int(flags), error)
        }
    }

    public func parse(buffer: UnsafeRawBufferPointer) throws(JSONParseError) -> JSON {
        // Nesting deeper than the limit needs more opening brackets than the limit, so a shorter
        // document cannot have it and needs no scan.
        if buffer.count > maximumDepth, let tooDeep = NestingScanner.firstOffsetDeeperThan(maximumDepth, in: buffer) {
            let (line, column) = TextPosition.lineAndColumn(of: tooDeep, in: buffer)
            throw JSONParseError(
                kind: .nestingTooDeep,
                reason: "nesting deeper than \(maximumDepth) levels",
                line: line, column: column, offset: tooDeep
            )
        }
        var error = json_error_t()
        guard let root = load(buffer, error: &error) else {
            throw Self.describe(error, input: buffer)
        }
        defer { cjansson_decref(root) }
        return Self.convert(root)
    }

    private static func describe(_ error: json_error_t, input: UnsafeRawBufferPointer) -> JSONParseError {
        var error = error
        let text = withUnsafeBytes(of: &error.text) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        let code = cjansson_error_code(&error)
        let kind: JSONParseError.Kind
        switch UInt32(code) {
        case json_error_invalid_utf8.rawValue: kind = .invalidUTF8
        case json_error_premature_end_of_input.rawValue:
            kind = input.allSatisfy { TextPosition.isWhitespace($0) } ? .empty : .truncated
        case json_error_end_of_input_expected.rawValue: kind = .trailingData
        case json_error_invalid_syntax.rawValue, json_error_invalid_format.rawValue,
            json_error_null_character.rawValue, json_error_null_byte_in_key.rawValue:
            kind = .syntax
        case json_error_duplicate_key.rawValue: kind = .duplicateKey
        case json_error_numeric_overflow.rawValue: kind = .numberOutOfRange
        case json_error_stack_overflow.rawValue: kind = .nestingTooDeep
        default: kind = .other
        }
        let reason = kind == .empty ? "empty document" : text
        return JSONParseError(
            kind: kind, reason: reason,
            line: max(Int(error.line), 1), column: max(Int(error.column), 0), offset: max(Int(error.position), 0)
        )
    }

    private static func convert(_ value: UnsafeMutablePointer<json_t>) -> JSON {
        switch cjansson_typeof(value) {
        case JSON_OBJECT:
            var members: [JSONObject.Member] = []
            members.reserveCapacity(json_object_size(value))
            var iterator = json_object_iter(value)
            while let position = iterator {
                let key = String(
                    decoding: UnsafeRawBufferPointer(
                        start: json_object_iter_key(position), count: json_object_iter_key_len(position)),
                    as: UTF8.self)
                if let member = json_object_iter_value(position) { members.append(JSONObject.Member(key: key, value: convert(member))) }
                iterator = json_object_iter_next(value, position)
            }
            // jansson was told to reject duplicate keys, so the keys are already known to be unique.
            return .object(JSONObject(uniqueMembers: members))
        case JSON_ARRAY:
            let count = json_array_size(value)
            var elements: [JSON] = []
            elements.reserveCapacity(count)
            for index in 0..<count {
                if let element = json_array_get(value, index) { elements.append(convert(element)) }
            }
            return .array(elements)
        case JSON_STRING:
            return .string(
                String(
                    decoding: UnsafeRawBufferPointer(start: json_string_value(value), count: json_string_length(value)),
                    as: UTF8.self))
        case JSON_INTEGER:
            return .integer(Int64(json_integer_value(value)))
        case JSON_REAL:
            return .number(json_real_value(value))
        case JSON_TRUE:
            return .bool(true)
        case JSON_FALSE:
            return .bool(false)
        default:
            return .null
        }
    }
}

extension JSON {
    /// Parses `bytes` strictly with the default nesting limit.
    public init(parsing bytes: [UInt8]) throws(JSONParseError) {
        self = try JSONParser().parse(bytes)
    }

    /// Parses `text` strictly with the default nesting limit.
    public init(parsing text: String) throws(JSONParseError) {
        self = try JSONParser().parse(text)
    }
}

/// Finds where nesting first exceeds a limit, without parsing: brackets inside strings do not count.
enum NestingScanner {
    static func firstOffsetDeeperThan(_ limit: Int, in buffer: UnsafeRawBufferPointer) -> Int? {
        var depth = 0
        var inString = false
        var escaped = false
        for (offset, byte) in buffer.enumerated() {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { return offset }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
            default:
                break
            }
        }
        return nil
    }
}

/// Line and column arithmetic over UTF-8 text, counting columns in characters as jansson does.
enum TextPosition {
    static func lineAndColumn(of offset: Int, in buffer: UnsafeRawBufferPointer) -> (line: Int, column: Int) {
        var line = 1
        var column = 0
        for byte in buffer.prefix(offset + 1) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 0
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

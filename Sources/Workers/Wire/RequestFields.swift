public import ConformJSON

/// Typed, validated access to the members of one JSON object in a request. An absent member and a
/// `null` one both read as nil; a member of the wrong type or out of range throws an
/// ``InvalidRequest`` naming the member by its full path.
public struct RequestFields: Sendable {
    public let object: JSONObject
    /// The path of this object inside the request, empty for the top level.
    public let path: String

    /// Wraps `json`, which must be an object.
    public init(_ json: JSON, path: String = "") throws(InvalidRequest) {
        guard case .object(let object) = json else {
            if path.isEmpty {
                throw InvalidRequest("The request body must be a JSON object, but got \(json.articleTypeName).")
            }
            throw InvalidRequest.wrongType(path, expected: "an object", got: json)
        }
        self.object = object
        self.path = path
    }

    /// The full path of member `key`: `key` at the top level, `parent.key` below.
    public func param(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// The member's value unless it is absent or null.
    public func value(_ key: String) -> JSON? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    public func required(_ key: String) throws(InvalidRequest) -> JSON {
        guard let value = value(key) else { throw .missing(param(key)) }
        return value
    }

    public func string(_ key: String) throws(InvalidRequest) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else { throw .wrongType(param(key), expected: "a string", got: value) }
        return text
    }

    public func requiredString(_ key: String) throws(InvalidRequest) -> String {
        guard let text = try string(key) else { throw .missing(param(key)) }
        return text
    }

    public func bool(_ key: String) throws(InvalidRequest) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let flag) = value else { throw .wrongType(param(key), expected: "a boolean", got: value) }
        return flag
    }

    public func integer(_ key: String, in range: ClosedRange<Int64>? = nil) throws(InvalidRequest) -> Int64? {
        guard let value = value(key) else { return nil }
        guard let number = value.integerValue else { throw .wrongType(param(key), expected: "an integer", got: value) }
        if let range, !range.contains(number) {
            throw .invalidValue(
                param(key), "expected an integer between \(range.lowerBound) and \(range.upperBound), but got \(number).")
        }
        return number
    }

    public func number(_ key: String, in range: ClosedRange<Double>? = nil) throws(InvalidRequest) -> Double? {
        guard let value = value(key) else { return nil }
        guard let number = value.doubleValue else { throw .wrongType(param(key), expected: "a number", got: value) }
        if let range, !range.contains(number) {
            throw .invalidValue(
                param(key),
                "expected a number between \(range.lowerBound.shortText) and \(range.upperBound.shortText), but got \(number.shortText).")
        }
        return number
    }

    public func array(_ key: String) throws(InvalidRequest) -> [JSON]? {
        guard let value = value(key) else { return nil }
        guard case .array(let elements) = value else { throw .wrongType(param(key), expected: "an array", got: value) }
        return elements
    }

    public func fields(_ key: String) throws(InvalidRequest) -> RequestFields? {
        guard let value = value(key) else { return nil }
        return try RequestFields(value, path: param(key))
    }

    /// A string member restricted to `allowed`.
    public func choice(_ key: String, among allowed: [String]) throws(InvalidRequest) -> String? {
        guard let text = try string(key) else { return nil }
        guard allowed.contains(text) else {
            let list = allowed.map { "'\($0)'" }.joined(separator: ", ")
            throw .invalidValue(param(key), "'\(text)' is not one of \(list).")
        }
        return text
    }

    /// `stream` and `stream_options.include_usage` (OpenAI chat and completions): whether to
    /// stream, and whether to end the stream with a usage chunk; options without `stream` are
    /// refused, as OpenAI refuses them.
    public func streaming() throws(InvalidRequest) -> (stream: Bool, includeUsage: Bool) {
        let stream = try bool("stream") ?? false
        guard let options = try fields("stream_options") else { return (stream, false) }
        guard stream else {
            throw InvalidRequest("The 'stream_options' parameter is only allowed when 'stream' is enabled.", param: param("stream_options"))
        }
        return (stream, try options.bool("include_usage") ?? false)
    }

    /// `stop`: one string or a list of up to four.
    public func stopSequences(_ key: String = "stop") throws(InvalidRequest) -> [String] {
        guard let value = value(key) else { return [] }
        switch value {
        case .string(let text): return [text]
        case .array(let elements):
            var result: [String] = []
            for (index, element) in elements.enumerated() {
                guard case .string(let text) = element else {
                    throw .wrongType("\(param(key))[\(index)]", expected: "a string", got: element)
                }
                result.append(text)
            }
            return result
        default:
            throw .wrongType(param(key), expected: "a string or an array of strings", got: value)
        }
    }
}

extension Double {
    /// `2` rather than `2.0` for whole numbers, as error messages read best.
    var shortText: String {
        rounded() == self && abs(self) < 1e15 ? String(Int64(self)) : description
    }
}

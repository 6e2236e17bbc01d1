public import ConformJSON

/// A request an engine or gateway refuses: what is wrong, in the words OpenAI uses, and which
/// parameter, named by its path (`messages[0].content`) as OpenAI's `param` does.
public struct InvalidRequest: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var param: String?

    public init(_ message: String, param: String? = nil) {
        self.message = message
        self.param = param
    }

    public var description: String { message }

    public static func missing(_ param: String) -> InvalidRequest {
        InvalidRequest("Missing required parameter: '\(param)'.", param: param)
    }

    public static func wrongType(_ param: String, expected: String, got value: JSON) -> InvalidRequest {
        InvalidRequest(
            "Invalid type for '\(param)': expected \(expected), but got \(value.articleTypeName) instead.", param: param)
    }

    public static func invalidValue(_ param: String, _ detail: String) -> InvalidRequest {
        InvalidRequest("Invalid value for '\(param)': \(detail)", param: param)
    }
}


extension JSON {
    /// The type's name with its article, as OpenAI's messages phrase it: "an integer", "a string".
    var articleTypeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .number: "a decimal"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

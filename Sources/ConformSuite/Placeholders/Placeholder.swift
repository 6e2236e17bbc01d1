import ConformContract
import ConformJSON

/// A `${model.ROLE}` or `${route.ROLE}` placeholder in a fixture, filled from the target's
/// ``RoleMapping`` just before the request is sent.
public enum Placeholder: Sendable, Hashable, CustomStringConvertible {
    case model(ModelRole)
    case route(RouteRole)

    public var description: String {
        switch self {
        case .model(let role): "${model.\(role.rawValue)}"
        case .route(let role): "${route.\(role.rawValue)}"
        }
    }

    /// The placeholder without `${` and `}`, as reports name it: `model.image`, `route.echo`.
    public var name: String {
        switch self {
        case .model(let role): "model.\(role.rawValue)"
        case .route(let role): "route.\(role.rawValue)"
        }
    }

    /// The command-line option that maps this placeholder's role.
    public var mappingHint: String {
        switch self {
        case .model(let role): "--model \(role.rawValue)=NAME"
        case .route(let role): "--route \(role.rawValue)=ID"
        }
    }
}

/// Finds and fills placeholders in fixture text and JSON.
public enum PlaceholderText {
    /// A `${...}` that is not a known placeholder.
    public struct UnknownPlaceholder: Error, Sendable, Hashable {
        public var text: String

        public init(text: String) {
            self.text = text
        }
    }

    /// The placeholders in `text` in order of appearance.
    public static func placeholders(in text: String) throws(UnknownPlaceholder) -> [Placeholder] {
        var found: [Placeholder] = []
        for token in tokens(in: text) {
            guard let placeholder = parse(token) else { throw UnknownPlaceholder(text: "${\(token)}") }
            found.append(placeholder)
        }
        return found
    }

    /// Every placeholder in the string values of `json`, at any depth.
    public static func placeholders(in json: JSON) throws(UnknownPlaceholder) -> [Placeholder] {
        switch json {
        case .string(let text): return try placeholders(in: text)
        case .array(let elements):
            var found: [Placeholder] = []
            for element in elements { found += try placeholders(in: element) }
            return found
        case .object(let object):
            var found: [Placeholder] = []
            for (_, value) in object { found += try placeholders(in: value) }
            return found
        default: return []
        }
    }

    /// `text` with every placeholder replaced by its mapped value; the first unmapped
    /// placeholder is thrown instead.
    public static func fill(_ text: String, from mapping: RoleMapping) throws(UnmappedPlaceholder) -> String {
        guard text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.firstRange(of: "${") {
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { break }
            result += rest[..<start.lowerBound]
            let token = String(rest[start.upperBound..<end])
            guard let placeholder = parse(token) else {
                result += rest[start.lowerBound...end]
                rest = rest[rest.index(after: end)...]
                continue
            }
            guard let value = mapping.value(of: placeholder) else { throw UnmappedPlaceholder(placeholder: placeholder) }
            result += value
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }

    /// `json` with placeholders filled in every string value.
    public static func fill(_ json: JSON, from mapping: RoleMapping) throws(UnmappedPlaceholder) -> JSON {
        switch json {
        case .string(let text):
            return .string(try fill(text, from: mapping))
        case .array(let elements):
            var filled: [JSON] = []
            filled.reserveCapacity(elements.count)
            for element in elements { filled.append(try fill(element, from: mapping)) }
            return .array(filled)
        case .object(let object):
            var filled = JSONObject()
            for (key, value) in object { filled[key] = try fill(value, from: mapping) }
            return .object(filled)
        default:
            return json
        }
    }

    private static func tokens(in text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let start = rest.firstRange(of: "${"), let end = rest[start.upperBound...].firstIndex(of: "}") {
            found.append(String(rest[start.upperBound..<end]))
            rest = rest[rest.index(after: end)...]
        }
        return found
    }

    private static func parse(_ token: String) -> Placeholder? {
        let parts = token.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        switch parts[0] {
        case "model": return ModelRole(rawValue: parts[1]).map(Placeholder.model)
        case "route": return RouteRole(rawValue: parts[1]).map(Placeholder.route)
        default: return nil
        }
    }
}

/// A placeholder whose role the target's mapping leaves open: the case is skipped, not failed.
public struct UnmappedPlaceholder: Error, Sendable, Hashable {
    public var placeholder: Placeholder

    public init(placeholder: Placeholder) {
        self.placeholder = placeholder
    }
}

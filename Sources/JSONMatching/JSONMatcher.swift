import ConformJSON

/// Partial JSON matching as fixtures write it: objects match when every member the pattern names
/// matches (others are ignored), arrays element by element in order and of equal length, numbers
/// by value (`1` matches `1.0`), everything else exactly. An object whose keys start with `$` is
/// a matcher instead of a literal:
///
/// - `{"$type": "string"}` or `{"$type": ["string", "null"]}`: the JSON type (`number` admits integers);
/// - `{"$regex": "^chatcmpl-"}`: a string containing a match of the regular expression;
/// - `{"$any": true}`: present, any value; `{"$absent": true}`: the member must not exist;
/// - `{"$length": 3}` or `{"$length": {"min": 1, "max": 4}}`: the size of an array, string or object;
/// - `{"$min": 0}`, `{"$max": 1}`: inclusive numeric bounds;
/// - `{"$contains": PATTERN}`: an array with at least one element matching PATTERN;
/// - `{"$anyOf": [PATTERN, ...]}`: matches one of the patterns;
/// - `{"$literal": VALUE}`: VALUE compared exactly, for literals that would read as matchers.
///
/// Operators in one matcher must all hold.
public enum JSONMatcher {
    static let operators: Set<String> = [
        "$type", "$regex", "$any", "$absent", "$length", "$min", "$max", "$contains", "$anyOf", "$literal",
    ]
    static let typeNames: Set<String> = ["null", "boolean", "integer", "number", "string", "array", "object"]

    /// Every way `actual` fails `pattern`, in document order; empty when it matches.
    public static func mismatches(of actual: JSON, against pattern: JSON) -> [JSONMismatch] {
        var found: [JSONMismatch] = []
        match(actual, pattern, at: .root, into: &found)
        return found
    }

    /// What is wrong with a pattern itself (an unknown operator, a bad regular expression, a
    /// misplaced `$absent`), each with the pointer into the pattern. Fixtures are checked with
    /// this when they load.
    public static func problems(in pattern: JSON) -> [JSONMismatch] {
        var found: [JSONMismatch] = []
        inspect(pattern, at: .root, asMember: false, into: &found)
        return found
    }

    // MARK: Matching

    private static func match(_ actual: JSON, _ pattern: JSON, at pointer: JSONPointer, into found: inout [JSONMismatch]) {
        if let operators = matcherOperators(pattern) {
            apply(operators, to: actual, at: pointer, into: &found)
            return
        }
        switch (pattern, actual) {
        case (.object(let expected), .object(let object)):
            for (key, memberPattern) in expected {
                let here = pointer.appending(key)
                let absentRequired = matcherOperators(memberPattern)?["$absent"] == .bool(true)
                guard let member = object[key] else {
                    if !absentRequired {
                        found.append(JSONMismatch(pointer: here, message: "missing, expected \(describe(memberPattern))"))
                    }
                    continue
                }
                match(member, memberPattern, at: here, into: &found)
            }
        case (.array(let expected), .array(let elements)):
            guard expected.count == elements.count else {
                found.append(
                    JSONMismatch(
                        pointer: pointer,
                        message:
                            "expected an array of \(expected.count) elements, got \(elements.count): \(JSONDiff.preview(actual))")
                )
                for (index, elementPattern) in expected.enumerated() where index < elements.count {
                    match(elements[index], elementPattern, at: pointer.appending(index), into: &found)
                }
                return
            }
            for (index, elementPattern) in expected.enumerated() {
                match(elements[index], elementPattern, at: pointer.appending(index), into: &found)
            }
        default:
            if pattern.isNumber && actual.isNumber {
                if !pattern.isNumericallyEqual(to: actual) {
                    found.append(
                        JSONMismatch(
                            pointer: pointer, message: "expected \(JSONDiff.preview(pattern)), got \(JSONDiff.preview(actual))"))
                }
            } else if pattern.typeName != actual.typeName {
                found.append(
                    JSONMismatch(
                        pointer: pointer,
                        message:
                            "expected \(pattern.typeName) \(JSONDiff.preview(pattern)), got \(actual.typeName) \(JSONDiff.preview(actual))"
                    ))
            } else if pattern != actual {
                found.append(
                    JSONMismatch(
                        pointer: pointer, message: "expected \(JSONDiff.preview(pattern)), got \(JSONDiff.preview(actual))"))
            }
        }
    }

    private static func apply(_ operators: JSONObject, to actual: JSON, at pointer: JSONPointer, into found: inout [JSONMismatch])
    {
        func fail(_ message: String) {
            found.append(JSONMismatch(pointer: pointer, message: message))
        }
        for (name, argument) in operators {
            switch name {
            case "$any":
                break
            case "$absent":
                fail("must be absent, got \(JSONDiff.preview(actual))")
            case "$type":
                let allowed = typeList(argument)
                if !allowed.contains(where: { hasType(actual, $0) }) {
                    fail("expected type \(allowed.joined(separator: " or ")), got \(actual.typeName) \(JSONDiff.preview(actual))")
                }
            case "$regex":
                guard let pattern = argument.stringValue else { continue }
                guard let text = actual.stringValue else {
                    fail("expected a string matching /\(pattern)/, got \(actual.typeName) \(JSONDiff.preview(actual))")
                    continue
                }
                if !matches(text, regex: pattern) { fail("\(JSONDiff.preview(actual)) does not match /\(pattern)/") }
            case "$length":
                guard let size = size(of: actual) else {
                    fail("expected an array, string or object for $length, got \(actual.typeName)")
                    continue
                }
                let (lower, upper) = bounds(argument)
                if let lower, size < lower {
                    fail("expected length \(describeBounds(lower, upper)), got \(size)")
                } else if let upper, size > upper {
                    fail("expected length \(describeBounds(lower, upper)), got \(size)")
                }
            case "$min", "$max":
                guard let value = actual.doubleValue, let limit = argument.doubleValue else {
                    fail("expected a number for \(name), got \(actual.typeName) \(JSONDiff.preview(actual))")
                    continue
                }
                if name == "$min" && value < limit {
                    fail("\(JSONDiff.preview(actual)) is below the minimum \(JSONDiff.preview(argument))")
                }
                if name == "$max" && value > limit {
                    fail("\(JSONDiff.preview(actual)) is above the maximum \(JSONDiff.preview(argument))")
                }
            case "$contains":
                guard let elements = actual.arrayValue else {
                    fail("expected an array containing \(describe(argument)), got \(actual.typeName)")
                    continue
                }
                if !elements.contains(where: { mismatches(of: $0, against: argument).isEmpty }) {
                    fail("no element matches \(describe(argument)) among \(elements.count): \(JSONDiff.preview(actual))")
                }
            case "$anyOf":
                let alternatives = argument.arrayValue ?? []
                if !alternatives.contains(where: { mismatches(of: actual, against: $0).isEmpty }) {
                    fail("\(JSONDiff.preview(actual)) matches none of \(JSONDiff.preview(argument))")
                }
            case "$literal":
                if !(argument == actual || (argument.isNumber && argument.isNumericallyEqual(to: actual))) {
                    fail("expected \(JSONDiff.preview(argument)), got \(JSONDiff.preview(actual))")
                }
            default:
                fail("unknown matcher \(name)")
            }
        }
    }

    // MARK: Pattern inspection

    private static func inspect(_ pattern: JSON, at pointer: JSONPointer, asMember: Bool, into found: inout [JSONMismatch]) {
        guard case .object(let object) = pattern else {
            if case .array(let elements) = pattern {
                for (index, element) in elements.enumerated() {
                    inspect(element, at: pointer.appending(index), asMember: false, into: &found)
                }
            }
            return
        }
        let dollarKeys = object.keys.filter { $0.hasPrefix("$") }
        guard !dollarKeys.isEmpty else {
            for (key, value) in object { inspect(value, at: pointer.appending(key), asMember: true, into: &found) }
            return
        }
        func problem(_ key: String, _ message: String) {
            found.append(JSONMismatch(pointer: pointer.appending(key), message: message))
        }
        if dollarKeys.count != object.count {
            found.append(
                JSONMismatch(
                    pointer: pointer, message: "mixes matcher operators with plain members; wrap a literal in {\"$literal\": ...}"
                ))
            return
        }
        for (key, argument) in object {
            switch key {
            case "$any", "$absent":
                if argument != .bool(true) { problem(key, "must be true") }
                if key == "$absent" && (!asMember || object.count > 1) {
                    problem(key, "can only stand alone as the value of an object member")
                }
            case "$type":
                let names = typeList(argument)
                if names.isEmpty || names.contains(where: { !typeNames.contains($0) }) {
                    problem(key, "must be one of \(typeNames.sorted().joined(separator: ", ")), or an array of them")
                }
            case "$regex":
                guard let text = argument.stringValue else {
                    problem(key, "must be a string")
                    continue
                }
                if let error = regexError(text) { problem(key, "is not a valid regular expression: \(error)") }
            case "$length":
                let (lower, upper) = bounds(argument)
                if lower == nil && upper == nil { problem(key, "must be a non-negative integer or {\"min\": N, \"max\": N}") }
            case "$min", "$max":
                if !argument.isNumber { problem(key, "must be a number") }
            case "$contains":
                inspect(argument, at: pointer.appending(key), asMember: false, into: &found)
            case "$anyOf":
                guard let alternatives = argument.arrayValue, !alternatives.isEmpty else {
                    problem(key, "must be a non-empty array of patterns")
                    continue
                }
                for (index, alternative) in alternatives.enumerated() {
                    inspect(alternative, at: pointer.appending(key).appending(index), asMember: false, into: &found)
                }
            case "$literal":
                break
            default:
                problem(key, "is not a matcher (known: \(operators.sorted().joined(separator: ", ")))")
            }
        }
    }

    // MARK: Helpers

    /// The operators of a matcher object, or nil when `pattern` is a literal.
    private static func matcherOperators(_ pattern: JSON) -> JSONObject? {
        guard case .object(let object) = pattern, let first = object.keys.first, first.hasPrefix("$") else { return nil }
        return object
    }

    private static func typeList(_ argument: JSON) -> [String] {
        if let single = argument.stringValue { return [single] }
        return argument.arrayValue?.compactMap(\.stringValue) ?? []
    }

    private static func hasType(_ value: JSON, _ name: String) -> Bool {
        name == value.typeName || (name == "number" && value.typeName == "integer")
    }

    private static func size(of value: JSON) -> Int? {
        switch value {
        case .array(let elements): elements.count
        case .string(let text): text.count
        case .object(let object): object.count
        default: nil
        }
    }

    private static func bounds(_ argument: JSON) -> (Int?, Int?) {
        if let exact = argument.integerValue, exact >= 0 { return (Int(exact), Int(exact)) }
        guard let object = argument.objectValue, !object.isEmpty,
            object.keys.allSatisfy({ $0 == "min" || $0 == "max" })
        else { return (nil, nil) }
        let lower = object["min"]?.integerValue.map(Int.init)
        let upper = object["max"]?.integerValue.map(Int.init)
        return (lower, upper)
    }

    private static func describeBounds(_ lower: Int?, _ upper: Int?) -> String {
        switch (lower, upper) {
        case (let low?, let high?) where low == high: "\(low)"
        case (let low?, let high?): "\(low)...\(high)"
        case (let low?, nil): "at least \(low)"
        case (nil, let high?): "at most \(high)"
        default: "any"
        }
    }

    private static func describe(_ pattern: JSON) -> String {
        JSONDiff.preview(pattern)
    }

    static func matches(_ text: String, regex pattern: String) -> Bool {
        guard let regex = try? Regex(pattern) else { return false }
        return text.firstMatch(of: regex) != nil
    }

    static func regexError(_ pattern: String) -> String? {
        do {
            _ = try Regex(pattern)
            return nil
        } catch {
            return "\(error)"
        }
    }
}

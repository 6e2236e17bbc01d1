import ConformJSON

/// Reads typed members out of a fixture document, naming the file and the member's JSON pointer
/// in every error.
struct FieldReader {
    let file: String

    func fail(_ pointer: JSONPointer, _ message: String, kind: FixtureLoadError.Kind = .invalidField) -> FixtureLoadError {
        FixtureLoadError(kind: kind, file: file, pointer: pointer, message: message)
    }

    /// The members of the object at `pointer`, refusing members not in `allowed`.
    func object(_ value: JSON, at pointer: JSONPointer, allowed: [String]) throws(FixtureLoadError) -> JSONObject {
        guard case .object(let object) = value else { throw fail(pointer, "must be an object, not \(value.typeName)") }
        for key in object.keys where !allowed.contains(key) {
            let hint =
                EditDistance.closest(to: key, among: allowed).map { "; did you mean '\($0)'?" }
                ?? " (allowed: \(allowed.joined(separator: ", ")))"
            throw fail(pointer.appending(key), "is not a known member\(hint)")
        }
        return object
    }

    func required(_ object: JSONObject, _ key: String, at pointer: JSONPointer) throws(FixtureLoadError) -> JSON {
        guard let value = object[key] else { throw fail(pointer, "has no '\(key)'") }
        return value
    }

    func string(_ value: JSON, at pointer: JSONPointer, nonEmpty: Bool = true) throws(FixtureLoadError) -> String {
        guard case .string(let text) = value else { throw fail(pointer, "must be a string, not \(value.typeName)") }
        if nonEmpty && text.allSatisfy(\.isWhitespace) { throw fail(pointer, "must not be empty") }
        return text
    }

    func requiredString(_ object: JSONObject, _ key: String, at pointer: JSONPointer) throws(FixtureLoadError) -> String {
        try string(try required(object, key, at: pointer), at: pointer.appending(key))
    }

    func optionalString(_ object: JSONObject, _ key: String, at pointer: JSONPointer) throws(FixtureLoadError) -> String? {
        guard let value = object[key] else { return nil }
        return try string(value, at: pointer.appending(key))
    }

    /// A string or a non-empty array of strings.
    func strings(_ value: JSON, at pointer: JSONPointer) throws(FixtureLoadError) -> [String] {
        if case .string = value { return [try string(value, at: pointer)] }
        guard case .array(let elements) = value, !elements.isEmpty else {
            throw fail(pointer, "must be a string or a non-empty array of strings, not \(value.typeName)")
        }
        var result: [String] = []
        for (index, element) in elements.enumerated() { result.append(try string(element, at: pointer.appending(index))) }
        return result
    }

    /// An array of strings, possibly empty.
    func stringArray(_ value: JSON, at pointer: JSONPointer) throws(FixtureLoadError) -> [String] {
        guard case .array(let elements) = value else { throw fail(pointer, "must be an array of strings, not \(value.typeName)") }
        var result: [String] = []
        for (index, element) in elements.enumerated() { result.append(try string(element, at: pointer.appending(index))) }
        return result
    }

    func integer(_ value: JSON, at pointer: JSONPointer, in range: ClosedRange<Int64>) throws(FixtureLoadError) -> Int64 {
        guard case .integer(let number) = value else { throw fail(pointer, "must be an integer, not \(value.typeName)") }
        guard range.contains(number) else {
            throw fail(pointer, "must be between \(range.lowerBound) and \(range.upperBound), not \(number)")
        }
        return number
    }

    func number(_ value: JSON, at pointer: JSONPointer, in range: ClosedRange<Double>) throws(FixtureLoadError) -> Double {
        guard let number = value.doubleValue else { throw fail(pointer, "must be a number, not \(value.typeName)") }
        guard range.contains(number) else {
            throw fail(pointer, "must be between \(range.lowerBound) and \(range.upperBound), not \(number)")
        }
        return number
    }

    /// A string naming one case of `Choice`.
    func choice<Choice: RawRepresentable & CaseIterable>(
        _ value: JSON, at pointer: JSONPointer, as type: Choice.Type
    ) throws(FixtureLoadError) -> Choice where Choice.RawValue == String {
        let text = try string(value, at: pointer)
        guard let choice = Choice(rawValue: text) else {
            throw fail(pointer, "'\(text)' is not one of \(Choice.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return choice
    }
}

extension EditDistance {
    /// The single closest of `candidates` to `name`, when close enough to be a likely typo.
    static func closest(to name: String, among candidates: [String]) -> String? {
        let extensions = candidates.filter { $0.hasPrefix(name) }
        if extensions.count == 1 { return extensions[0] }
        let scored = candidates.map { ($0, between($0, name)) }.sorted { $0.1 < $1.1 }
        guard let best = scored.first, best.1 <= max(2, name.count / 3) else { return nil }
        return best.0
    }
}

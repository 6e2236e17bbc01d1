import ConformJSON

extension Evaluator {
    /// `properties`, `patternProperties` and `additionalProperties`: each member is checked against
    /// the schemas its name selects, and recorded as evaluated when any selects it.
    mutating func evaluateProperties(
        _ applicator: PropertyApplicator, of node: NodeIndex, _ instance: JSON, collecting: Bool,
        into evaluated: inout EvaluatedLocations
    ) -> Bool {
        guard case .object(let object) = instance else { return true }
        var valid = true
        for (name, value) in object {
            var selected = false
            if let schema = applicator.named[name] {
                selected = true
                if !evaluateMember(name, value, against: schema, of: node, keyword: "properties") {
                    valid = false
                    if !reporting { return false }
                }
            }
            for (pattern, schema) in applicator.patterns where pattern.matches(name) {
                selected = true
                if !evaluateMember(name, value, against: schema, of: node, keyword: "patternProperties") {
                    valid = false
                    if !reporting { return false }
                }
            }
            if !selected, let additional = applicator.additional {
                selected = true
                if isFalse(additional) {
                    report(
                        at: node, keyword: "additionalProperties",
                        "property \(ViolationText.quoted(name)) is not allowed\(Self.knownNames(applicator, near: name))")
                    valid = false
                    if !reporting { return false }
                } else if !evaluate(additional, child: value, at: .member(name)) {
                    valid = false
                    if !reporting { return false }
                }
            }
            if selected && collecting { evaluated.properties.insert(name) }
        }
        return valid
    }

    private mutating func evaluateMember(
        _ name: String, _ value: JSON, against schema: NodeIndex, of node: NodeIndex, keyword: String
    ) -> Bool {
        if isFalse(schema) {
            report(at: schema, keyword: nil, reportedAs: keyword, "property \(ViolationText.quoted(name)) is not allowed")
            return false
        }
        return evaluate(schema, child: value, at: .member(name))
    }

    /// `; did you mean "auth"?` when a declared name is close to `name`, else ` (additionalProperties
    /// is false; …)` listing the declared names: either helps spot a typo.
    private static func knownNames(_ applicator: PropertyApplicator, near name: String) -> String {
        guard !applicator.named.isEmpty else { return " (additionalProperties is false)" }
        if let close = NameSuggestions.closest(to: name, among: Array(applicator.named.keys), limit: 1).first {
            return "; did you mean \(ViolationText.quoted(close))?"
        }
        let names = applicator.named.keys.sorted()
        let shown = names.prefix(12).map(ViolationText.quoted).joined(separator: ", ")
        let more = names.count > 12 ? ", …" : ""
        return " (additionalProperties is false; declared properties: \(shown)\(more))"
    }

    /// `propertyNames`: every member name, as a string, must match the schema. Violations stay at
    /// the object and say which name failed.
    mutating func evaluatePropertyNames(_ schema: NodeIndex, _ instance: JSON) -> Bool {
        guard case .object(let object) = instance else { return true }
        var valid = true
        for name in object.keys {
            var ignored = EvaluatedLocations()
            guard reporting else {
                if !evaluate(schema, .string(name), collecting: false, into: &ignored) { return false }
                continue
            }
            let (nameValid, found) = evaluateCapturing(schema, .string(name), collecting: false, into: &ignored)
            if !nameValid {
                valid = false
                append(
                    found.map { violation in
                        var named = violation
                        named.message = "property name \(ViolationText.quoted(name)): \(violation.message)"
                        return named
                    })
            }
        }
        return valid
    }

    /// `unevaluatedProperties`: members no sibling keyword evaluated must match the schema; then
    /// every member counts as evaluated.
    mutating func evaluateUnevaluatedProperties(
        _ schema: NodeIndex, of node: NodeIndex, _ instance: JSON, into evaluated: inout EvaluatedLocations
    ) -> Bool {
        guard case .object(let object) = instance else { return true }
        var valid = true
        for (name, value) in object where !evaluated.includes(property: name) {
            if isFalse(schema) {
                report(
                    at: node, keyword: "unevaluatedProperties",
                    "property \(ViolationText.quoted(name)) is not allowed "
                        + "(no subschema declares it and unevaluatedProperties is false)")
                valid = false
            } else if !evaluate(schema, child: value, at: .member(name)) {
                valid = false
            }
            if !valid && !reporting { return false }
        }
        if valid { evaluated.allProperties = true }
        return valid
    }
}

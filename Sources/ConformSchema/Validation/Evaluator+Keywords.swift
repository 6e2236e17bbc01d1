import ConformJSON

extension Evaluator {
    /// Evaluates one compiled keyword of `node`. Keywords that do not apply to the instance's type
    /// pass, as JSON Schema specifies.
    mutating func evaluate(_ keyword: Keyword, of node: NodeIndex, _ instance: JSON, collecting: Bool, into evaluated: inout EvaluatedLocations) -> Bool {
        switch keyword {
        case .type(let types):
            if types.admits(instance) { return true }
            report(at: node, keyword: "type", "expected \(ViolationText.alternatives(types.names)), got \(ViolationText.typed(instance))")
            return false
        case .constant(let expected):
            if instance.isNumericallyEqual(to: expected) { return true }
            report(at: node, keyword: "const", "expected \(ViolationText.value(expected)), got \(ViolationText.value(instance))")
            return false
        case .enumeration(let allowed):
            if allowed.contains(where: { instance.isNumericallyEqual(to: $0) }) { return true }
            report(at: node, keyword: "enum", "\(ViolationText.value(instance)) is not one of \(ViolationText.list(allowed))")
            return false
        case .minimum(let bound):
            return checkNumber(instance, of: node, keyword: "minimum", passes: { $0 >= bound }, "is less than the minimum \(bound)")
        case .exclusiveMinimum(let bound):
            return checkNumber(instance, of: node, keyword: "exclusiveMinimum", passes: { $0 > bound }, "is not greater than the exclusive minimum \(bound)")
        case .maximum(let bound):
            return checkNumber(instance, of: node, keyword: "maximum", passes: { $0 <= bound }, "is greater than the maximum \(bound)")
        case .exclusiveMaximum(let bound):
            return checkNumber(instance, of: node, keyword: "exclusiveMaximum", passes: { $0 < bound }, "is not less than the exclusive maximum \(bound)")
        case .multipleOf(let divisor):
            return checkNumber(instance, of: node, keyword: "multipleOf", passes: { $0.isMultiple(of: divisor) }, "is not a multiple of \(divisor)")
        case .minLength(let minimum):
            guard case .string(let text) = instance else { return true }
            let length = text.unicodeScalars.count
            if length >= minimum { return true }
            report(at: node, keyword: "minLength", "\(ViolationText.value(instance)) is \(ViolationText.count(length, "character")) long, shorter than the minimum length \(minimum)")
            return false
        case .maxLength(let maximum):
            guard case .string(let text) = instance else { return true }
            let length = text.unicodeScalars.count
            if length <= maximum { return true }
            report(at: node, keyword: "maxLength", "\(ViolationText.value(instance)) is \(ViolationText.count(length, "character")) long, longer than the maximum length \(maximum)")
            return false
        case .pattern(let pattern):
            guard case .string(let text) = instance, !pattern.matches(text) else { return true }
            report(at: node, keyword: "pattern", "\(ViolationText.value(instance)) does not match the pattern \(ViolationText.quoted(pattern.source))")
            return false
        case .minItems(let minimum):
            guard case .array(let items) = instance, items.count < minimum else { return true }
            report(at: node, keyword: "minItems", "the array has \(ViolationText.count(items.count, "item")), fewer than the minimum \(minimum)")
            return false
        case .maxItems(let maximum):
            guard case .array(let items) = instance, items.count > maximum else { return true }
            report(at: node, keyword: "maxItems", "the array has \(ViolationText.count(items.count, "item")), more than the maximum \(maximum)")
            return false
        case .uniqueItems:
            guard case .array(let items) = instance, let (first, second) = UniqueItems.firstDuplicate(in: items) else { return true }
            report(at: node, keyword: "uniqueItems", "items \(first) and \(second) are equal (\(ViolationText.value(items[second]))), but items must be unique")
            return false
        case .minProperties(let minimum):
            guard case .object(let object) = instance, object.count < minimum else { return true }
            report(at: node, keyword: "minProperties", "the object has \(ViolationText.count(object.count, "property", plural: "properties")), fewer than the minimum \(minimum)")
            return false
        case .maxProperties(let maximum):
            guard case .object(let object) = instance, object.count > maximum else { return true }
            report(at: node, keyword: "maxProperties", "the object has \(ViolationText.count(object.count, "property", plural: "properties")), more than the maximum \(maximum)")
            return false
        case .required(let names):
            guard case .object(let object) = instance else { return true }
            var valid = true
            for name in names where !object.contains(key: name) {
                report(at: node, keyword: "required", "required property \(ViolationText.quoted(name)) is missing")
                valid = false
                if !reporting { return false }
            }
            return valid
        case .dependentRequired(let requirements):
            guard case .object(let object) = instance else { return true }
            var valid = true
            for requirement in requirements where object.contains(key: requirement.property) {
                for name in requirement.required where !object.contains(key: name) {
                    report(at: node, keyword: "dependentRequired", "property \(ViolationText.quoted(name)) is required when \(ViolationText.quoted(requirement.property)) is present")
                    valid = false
                    if !reporting { return false }
                }
            }
            return valid
        case .properties(let applicator):
            return evaluateProperties(applicator, of: node, instance, collecting: collecting, into: &evaluated)
        case .propertyNames(let schema):
            return evaluatePropertyNames(schema, instance)
        case .dependentSchemas(let dependencies):
            guard case .object(let object) = instance else { return true }
            var valid = true
            for dependency in dependencies where object.contains(key: dependency.property) {
                if !evaluate(dependency.schema, instance, collecting: collecting, into: &evaluated) {
                    valid = false
                    if !reporting { return false }
                }
            }
            return valid
        case .items(let applicator):
            return evaluateItems(applicator, of: node, instance, collecting: collecting, into: &evaluated)
        case .contains(let applicator):
            return evaluateContains(applicator, of: node, instance, collecting: collecting, into: &evaluated)
        case .allOf(let schemas):
            var valid = true
            for schema in schemas where !evaluate(schema, instance, collecting: collecting, into: &evaluated) {
                valid = false
                if !reporting { return false }
            }
            return valid
        case .anyOf(let schemas):
            return evaluateAnyOf(schemas, of: node, instance, collecting: collecting, into: &evaluated)
        case .oneOf(let schemas):
            return evaluateOneOf(schemas, of: node, instance, collecting: collecting, into: &evaluated)
        case .not(let schema):
            var ignored = EvaluatedLocations()
            guard evaluateQuietly(schema, instance, collecting: false, into: &ignored) else { return true }
            report(at: node, keyword: "not", "\(ViolationText.value(instance)) matches the schema under \"not\", which it must not")
            return false
        case .conditional(let conditional):
            var conditionLocations = EvaluatedLocations()
            if evaluateQuietly(conditional.condition, instance, collecting: collecting, into: &conditionLocations) {
                if collecting { evaluated.formUnion(conditionLocations) }
                guard let then = conditional.then else { return true }
                return evaluate(then, instance, collecting: collecting, into: &evaluated)
            }
            guard let otherwise = conditional.otherwise else { return true }
            return evaluate(otherwise, instance, collecting: collecting, into: &evaluated)
        case .reference(let target):
            return evaluate(target, instance, collecting: collecting, into: &evaluated)
        case .dynamicReference(let reference):
            return evaluate(dynamicTarget(of: reference), instance, collecting: collecting, into: &evaluated)
        case .unevaluatedProperties(let schema):
            return evaluateUnevaluatedProperties(schema, of: node, instance, into: &evaluated)
        case .unevaluatedItems(let schema):
            return evaluateUnevaluatedItems(schema, of: node, instance, into: &evaluated)
        }
    }

    private mutating func checkNumber(
        _ instance: JSON, of node: NodeIndex, keyword: String, passes: (SchemaNumber) -> Bool, _ failure: @autoclosure () -> String
    ) -> Bool {
        guard let number = SchemaNumber(instance), !passes(number) else { return true }
        report(at: node, keyword: keyword, "\(number) \(failure())")
        return false
    }

    /// The first resource in the dynamic scope, outermost first, that declares the anchor as a
    /// `$dynamicAnchor`; the static target when the reference is not dynamic or none does.
    private func dynamicTarget(of reference: DynamicReference) -> NodeIndex {
        guard let anchor = reference.dynamicAnchor else { return reference.target }
        for resource in resourcesInScope where resource < program.dynamicAnchors.count {
            if let target = program.dynamicAnchors[resource][anchor] { return target }
        }
        return reference.target
    }

    func isFalse(_ node: NodeIndex) -> Bool {
        if case .constant(false) = program.nodes[node].body { return true }
        return false
    }
}

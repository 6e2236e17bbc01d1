import ConformJSON

extension Evaluator {
    /// Evaluates one compiled keyword of `node`. Keywords that do not apply to the instance's type
    /// pass, as JSON Schema specifies. Each keyword has its own function, which keeps this frame
    /// small: evaluation recurses through it once per nested subschema.
    mutating func evaluate(
        _ keyword: Keyword, of node: NodeIndex, _ instance: JSON, collecting: Bool, into evaluated: inout EvaluatedLocations
    ) -> Bool {
        switch keyword {
        case .type(let types): checkType(types, of: node, instance)
        case .constant(let expected): checkConstant(expected, of: node, instance)
        case .enumeration(let allowed): checkEnumeration(allowed, of: node, instance)
        case .minimum(let bound):
            checkNumber(instance, of: node, keyword: "minimum", passes: { $0 >= bound }, "is less than the minimum \(bound)")
        case .exclusiveMinimum(let bound):
            checkNumber(
                instance, of: node, keyword: "exclusiveMinimum", passes: { $0 > bound },
                "is not greater than the exclusive minimum \(bound)")
        case .maximum(let bound):
            checkNumber(instance, of: node, keyword: "maximum", passes: { $0 <= bound }, "is greater than the maximum \(bound)")
        case .exclusiveMaximum(let bound):
            checkNumber(
                instance, of: node, keyword: "exclusiveMaximum", passes: { $0 < bound },
                "is not less than the exclusive maximum \(bound)")
        case .multipleOf(let divisor):
            checkNumber(
                instance, of: node, keyword: "multipleOf", passes: { $0.isMultiple(of: divisor) },
                "is not a multiple of \(divisor)")
        case .minLength(let minimum): checkLength(instance, of: node, keyword: "minLength", bound: minimum)
        case .maxLength(let maximum): checkLength(instance, of: node, keyword: "maxLength", bound: maximum)
        case .pattern(let pattern): checkPattern(pattern, of: node, instance)
        case .minItems(let minimum): checkCount(instance, of: node, keyword: "minItems", bound: minimum)
        case .maxItems(let maximum): checkCount(instance, of: node, keyword: "maxItems", bound: maximum)
        case .uniqueItems: checkUniqueItems(of: node, instance)
        case .minProperties(let minimum): checkCount(instance, of: node, keyword: "minProperties", bound: minimum)
        case .maxProperties(let maximum): checkCount(instance, of: node, keyword: "maxProperties", bound: maximum)
        case .required(let names): checkRequired(names, of: node, instance)
        case .dependentRequired(let requirements): checkDependentRequired(requirements, of: node, instance)
        case .properties(let applicator):
            evaluateProperties(applicator, of: node, instance, collecting: collecting, into: &evaluated)
        case .propertyNames(let schema): evaluatePropertyNames(schema, instance)
        case .dependentSchemas(let dependencies):
            evaluateDependentSchemas(dependencies, instance, collecting: collecting, into: &evaluated)
        case .items(let applicator): evaluateItems(applicator, of: node, instance, collecting: collecting, into: &evaluated)
        case .contains(let applicator): evaluateContains(applicator, of: node, instance, collecting: collecting, into: &evaluated)
        case .allOf(let schemas): evaluateAllOf(schemas, instance, collecting: collecting, into: &evaluated)
        case .anyOf(let schemas): evaluateAnyOf(schemas, of: node, instance, collecting: collecting, into: &evaluated)
        case .oneOf(let schemas): evaluateOneOf(schemas, of: node, instance, collecting: collecting, into: &evaluated)
        case .not(let schema): evaluateNot(schema, of: node, instance)
        case .conditional(let conditional): evaluateConditional(conditional, instance, collecting: collecting, into: &evaluated)
        case .reference(let target): evaluate(target, instance, collecting: collecting, into: &evaluated)
        case .dynamicReference(let reference):
            evaluate(dynamicTarget(of: reference), instance, collecting: collecting, into: &evaluated)
        case .unevaluatedProperties(let schema): evaluateUnevaluatedProperties(schema, of: node, instance, into: &evaluated)
        case .unevaluatedItems(let schema): evaluateUnevaluatedItems(schema, of: node, instance, into: &evaluated)
        }
    }

    private mutating func checkType(_ types: JSONTypeSet, of node: NodeIndex, _ instance: JSON) -> Bool {
        if types.admits(instance) { return true }
        report(
            at: node, keyword: "type", "expected \(ViolationText.alternatives(types.names)), got \(ViolationText.typed(instance))"
        )
        return false
    }

    private mutating func checkConstant(_ expected: JSON, of node: NodeIndex, _ instance: JSON) -> Bool {
        if instance.isNumericallyEqual(to: expected) { return true }
        report(at: node, keyword: "const", "expected \(ViolationText.value(expected)), got \(ViolationText.value(instance))")
        return false
    }

    private mutating func checkEnumeration(_ allowed: [JSON], of node: NodeIndex, _ instance: JSON) -> Bool {
        if allowed.contains(where: { instance.isNumericallyEqual(to: $0) }) { return true }
        report(at: node, keyword: "enum", "\(ViolationText.value(instance)) is not one of \(ViolationText.list(allowed))")
        return false
    }

    private mutating func checkNumber(
        _ instance: JSON, of node: NodeIndex, keyword: String, passes: (SchemaNumber) -> Bool,
        _ failure: @autoclosure () -> String
    ) -> Bool {
        guard let number = SchemaNumber(instance), !passes(number) else { return true }
        report(at: node, keyword: keyword, "\(number) \(failure())")
        return false
    }

    /// `minLength` and `maxLength`, counted in Unicode code points.
    private mutating func checkLength(_ instance: JSON, of node: NodeIndex, keyword: String, bound: Int) -> Bool {
        guard case .string(let text) = instance else { return true }
        let length = text.unicodeScalars.count
        let isMinimum = keyword == "minLength"
        if isMinimum ? length >= bound : length <= bound { return true }
        let comparison = isMinimum ? "shorter than the minimum" : "longer than the maximum"
        report(
            at: node, keyword: keyword,
            "\(ViolationText.value(instance)) is \(ViolationText.count(length, "character")) long, \(comparison) length \(bound)")
        return false
    }

    private mutating func checkPattern(_ pattern: ECMAPattern, of node: NodeIndex, _ instance: JSON) -> Bool {
        guard case .string(let text) = instance, !pattern.matches(text) else { return true }
        report(
            at: node, keyword: "pattern",
            "\(ViolationText.value(instance)) does not match the pattern \(ViolationText.quoted(pattern.source))")
        return false
    }

    /// `minItems`, `maxItems`, `minProperties` and `maxProperties`.
    private mutating func checkCount(_ instance: JSON, of node: NodeIndex, keyword: String, bound: Int) -> Bool {
        let count: Int
        let described: String
        switch instance {
        case .array(let items) where keyword.hasSuffix("Items"):
            count = items.count
            described = "the array has \(ViolationText.count(count, "item"))"
        case .object(let object) where keyword.hasSuffix("Properties"):
            count = object.count
            described = "the object has \(ViolationText.count(count, "property", plural: "properties"))"
        default:
            return true
        }
        let isMinimum = keyword.hasPrefix("min")
        if isMinimum ? count >= bound : count <= bound { return true }
        report(
            at: node, keyword: keyword, "\(described), \(isMinimum ? "fewer than the minimum" : "more than the maximum") \(bound)"
        )
        return false
    }

    private mutating func checkUniqueItems(of node: NodeIndex, _ instance: JSON) -> Bool {
        guard case .array(let items) = instance, let (first, second) = UniqueItems.firstDuplicate(in: items) else { return true }
        report(
            at: node, keyword: "uniqueItems",
            "items \(first) and \(second) are equal (\(ViolationText.value(items[second]))), but items must be unique")
        return false
    }

    private mutating func checkRequired(_ names: [String], of node: NodeIndex, _ instance: JSON) -> Bool {
        guard case .object(let object) = instance else { return true }
        var valid = true
        for name in names where !object.contains(key: name) {
            report(
                at: node, keyword: "required", level: program.presenceLevel(of: name, in: node),
                "required property \(ViolationText.quoted(name)) is missing")
            valid = false
            if !reporting { return false }
        }
        return valid
    }

    private mutating func checkDependentRequired(
        _ requirements: [DependentRequirement], of node: NodeIndex, _ instance: JSON
    ) -> Bool {
        guard case .object(let object) = instance else { return true }
        var valid = true
        for requirement in requirements where object.contains(key: requirement.property) {
            for name in requirement.required where !object.contains(key: name) {
                report(
                    at: node, keyword: "dependentRequired",
                    "property \(ViolationText.quoted(name)) is required when \(ViolationText.quoted(requirement.property)) is present"
                )
                valid = false
                if !reporting { return false }
            }
        }
        return valid
    }

    private mutating func evaluateDependentSchemas(
        _ dependencies: [DependentSchema], _ instance: JSON, collecting: Bool, into evaluated: inout EvaluatedLocations
    ) -> Bool {
        guard case .object(let object) = instance else { return true }
        var valid = true
        for dependency in dependencies where object.contains(key: dependency.property) {
            if !evaluate(dependency.schema, instance, collecting: collecting, into: &evaluated) {
                valid = false
                if !reporting { return false }
            }
        }
        return valid
    }

    private mutating func evaluateAllOf(
        _ schemas: [NodeIndex], _ instance: JSON, collecting: Bool, into evaluated: inout EvaluatedLocations
    ) -> Bool {
        var valid = true
        for schema in schemas where !evaluate(schema, instance, collecting: collecting, into: &evaluated) {
            valid = false
            if !reporting { return false }
        }
        return valid
    }

    private mutating func evaluateNot(_ schema: NodeIndex, of node: NodeIndex, _ instance: JSON) -> Bool {
        var ignored = EvaluatedLocations()
        guard evaluateQuietly(schema, instance, collecting: false, into: &ignored) else { return true }
        report(at: node, keyword: "not", "\(ViolationText.value(instance)) matches the schema under \"not\", which it must not")
        return false
    }

    /// `if` decides between `then` and `else`; its own failure is never a violation, and its
    /// annotations count only when it holds.
    private mutating func evaluateConditional(
        _ conditional: ConditionalApplicator, _ instance: JSON, collecting: Bool, into evaluated: inout EvaluatedLocations
    ) -> Bool {
        var conditionLocations = EvaluatedLocations()
        if evaluateQuietly(conditional.condition, instance, collecting: collecting, into: &conditionLocations) {
            if collecting { evaluated.formUnion(conditionLocations) }
            guard let then = conditional.then else { return true }
            return evaluate(then, instance, collecting: collecting, into: &evaluated)
        }
        guard let otherwise = conditional.otherwise else { return true }
        return evaluate(otherwise, instance, collecting: collecting, into: &evaluated)
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

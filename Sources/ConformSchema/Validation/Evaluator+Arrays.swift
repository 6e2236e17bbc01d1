import ConformJSON

extension Evaluator {
    /// `prefixItems` then `items`: positional schemas first, one schema for the remaining items.
    mutating func evaluateItems(
        _ applicator: ItemApplicator, of node: NodeIndex, _ instance: JSON, collecting: Bool,
        into evaluated: inout EvaluatedLocations
    ) -> Bool {
        guard case .array(let items) = instance else { return true }
        var valid = true
        let prefixCount = min(applicator.prefix.count, items.count)
        for index in 0..<prefixCount where !evaluate(applicator.prefix[index], child: items[index], at: .index(index)) {
            valid = false
            if !reporting { return false }
        }
        if collecting { evaluated.itemPrefix = max(evaluated.itemPrefix, prefixCount) }
        guard let rest = applicator.rest, items.count > prefixCount else { return valid }
        if isFalse(rest) {
            let limit =
                applicator.prefix.isEmpty ? "must be empty" : "may have at most \(ViolationText.count(prefixCount, "item"))"
            report(at: node, keyword: "items", "the array \(limit) (items is false), but has \(items.count)")
            return false
        }
        for index in prefixCount..<items.count where !evaluate(rest, child: items[index], at: .index(index)) {
            valid = false
            if !reporting { return false }
        }
        if collecting { evaluated.allItems = true }
        return valid
    }

    /// `contains` with `minContains` and `maxContains`: counts the items matching the schema.
    mutating func evaluateContains(
        _ applicator: ContainsApplicator, of node: NodeIndex, _ instance: JSON, collecting: Bool,
        into evaluated: inout EvaluatedLocations
    ) -> Bool {
        guard case .array(let items) = instance else { return true }
        var matching: [Int] = []
        for (index, item) in items.enumerated() {
            var ignored = EvaluatedLocations()
            guard evaluateQuietly(applicator.schema, item, collecting: false, into: &ignored) else { continue }
            matching.append(index)
            // Without an upper bound or annotations to collect, enough matches settle it.
            if !collecting && applicator.maximum == nil && matching.count >= applicator.minimum { break }
        }
        if matching.count < applicator.minimum {
            if applicator.minimum == 1 {
                report(at: node, keyword: "contains", "no item of the array matches the contains schema")
            } else {
                report(
                    at: node, keyword: "minContains",
                    "the contains schema matches \(ViolationText.count(matching.count, "item")), "
                        + "fewer than the minimum \(applicator.minimum)")
            }
            return false
        }
        if let maximum = applicator.maximum, matching.count > maximum {
            report(
                at: node, keyword: "maxContains",
                "the contains schema matches \(ViolationText.count(matching.count, "item")), more than the maximum \(maximum)")
            return false
        }
        if collecting { evaluated.items.formUnion(matching) }
        return true
    }

    /// `unevaluatedItems`: items no sibling keyword evaluated must match the schema; then every
    /// item counts as evaluated.
    mutating func evaluateUnevaluatedItems(
        _ schema: NodeIndex, of node: NodeIndex, _ instance: JSON, into evaluated: inout EvaluatedLocations
    ) -> Bool {
        guard case .array(let items) = instance else { return true }
        var valid = true
        for index in items.indices where !evaluated.includes(item: index) {
            if isFalse(schema) {
                report(
                    at: node, keyword: "unevaluatedItems",
                    "item \(index) is not allowed (no subschema declares it and unevaluatedItems is false)")
                valid = false
            } else if !evaluate(schema, child: items[index], at: .index(index)) {
                valid = false
            }
            if !valid && !reporting { return false }
        }
        if valid { evaluated.allItems = true }
        return valid
    }
}

import ConformJSON

extension Evaluator {
    /// `anyOf`: at least one alternative must match. When annotations are collected every
    /// alternative is evaluated, since each matching one contributes.
    mutating func evaluateAnyOf(
        _ alternatives: [NodeIndex], of node: NodeIndex, _ instance: JSON, collecting: Bool, into evaluated: inout EvaluatedLocations
    ) -> Bool {
        var matched = false
        var failures: [[SchemaViolation]] = []
        for alternative in alternatives {
            var local = EvaluatedLocations()
            if reporting {
                let (valid, found) = evaluateCapturing(alternative, instance, collecting: collecting, into: &local)
                failures.append(found)
                matched = matched || valid
            } else if evaluate(alternative, instance, collecting: collecting, into: &local) {
                matched = true
                if !collecting { return true }
            }
            if collecting { evaluated.formUnion(local) }
        }
        if !matched { reportNoMatch("anyOf", alternatives, failures, of: node, instance) }
        return matched
    }

    /// `oneOf`: exactly one alternative must match.
    mutating func evaluateOneOf(
        _ alternatives: [NodeIndex], of node: NodeIndex, _ instance: JSON, collecting: Bool, into evaluated: inout EvaluatedLocations
    ) -> Bool {
        var matches: [Int] = []
        var matchedLocations = EvaluatedLocations()
        var failures: [[SchemaViolation]] = []
        for (position, alternative) in alternatives.enumerated() {
            var local = EvaluatedLocations()
            let valid: Bool
            if reporting {
                let (alternativeValid, found) = evaluateCapturing(alternative, instance, collecting: collecting, into: &local)
                failures.append(found)
                valid = alternativeValid
            } else {
                valid = evaluate(alternative, instance, collecting: collecting, into: &local)
            }
            guard valid else { continue }
            matches.append(position)
            matchedLocations = local
            if matches.count > 1 && !reporting { return false }
        }
        switch matches.count {
        case 1:
            if collecting { evaluated.formUnion(matchedLocations) }
            return true
        case 0:
            reportNoMatch("oneOf", alternatives, failures, of: node, instance)
            return false
        default:
            let names = matches.map { "oneOf/\($0)" }
            report(at: node, keyword: "oneOf", "matches \(ViolationText.count(matches.count, "alternative")) of oneOf (\(ViolationText.alternatives(names))), but must match exactly one")
            return false
        }
    }

    /// Reports that no alternative matched: one violation at the combinator summarising why, then
    /// the violations of the closest alternative, which are the ones worth acting on.
    private mutating func reportNoMatch(_ keyword: String, _ alternatives: [NodeIndex], _ failures: [[SchemaViolation]], of node: NodeIndex, _ instance: JSON) {
        guard reporting else { return }
        let summary = AlternativeSummary(
            keyword: keyword, alternatives: alternatives, failures: failures, instance: instance, at: currentPointer,
            program: program)
        report(at: node, keyword: keyword, summary.message)
        append(summary.closestViolations)
    }
}

import ConformJSON

extension Evaluator {
    /// `anyOf`: at least one alternative must match. When annotations are collected every
    /// alternative is evaluated, since each matching one contributes.
    mutating func evaluateAnyOf(
        _ alternatives: [NodeIndex], of node: NodeIndex, _ instance: JSON, collecting: Bool, into evaluated: inout EvaluatedLocations
    ) -> Bool {
        var matched = false
        var failures: [[SchemaViolation]] = []
        var attempted: [EvaluatedLocations] = []
        for alternative in alternatives {
            var local = EvaluatedLocations()
            let valid: Bool
            if reporting {
                let (alternativeValid, found) = evaluateCapturing(alternative, instance, collecting: collecting, into: &local)
                failures.append(found)
                attempted.append(local)
                valid = alternativeValid
            } else {
                valid = evaluate(alternative, instance, collecting: collecting, into: &local)
            }
            guard valid else { continue }
            matched = true
            if collecting {
                evaluated.formUnion(local)
            } else if !reporting {
                return true
            }
        }
        if !matched { reportNoMatch("anyOf", alternatives, failures, attempted, of: node, instance, into: &evaluated) }
        return matched
    }

    /// `oneOf`: exactly one alternative must match.
    mutating func evaluateOneOf(
        _ alternatives: [NodeIndex], of node: NodeIndex, _ instance: JSON, collecting: Bool, into evaluated: inout EvaluatedLocations
    ) -> Bool {
        var matches: [Int] = []
        var matchedLocations = EvaluatedLocations()
        var failures: [[SchemaViolation]] = []
        var attempted: [EvaluatedLocations] = []
        for (position, alternative) in alternatives.enumerated() {
            var local = EvaluatedLocations()
            let valid: Bool
            if reporting {
                let (alternativeValid, found) = evaluateCapturing(alternative, instance, collecting: collecting, into: &local)
                failures.append(found)
                attempted.append(local)
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
            reportNoMatch("oneOf", alternatives, failures, attempted, of: node, instance, into: &evaluated)
            return false
        default:
            let names = matches.map { "oneOf/\($0)" }
            report(at: node, keyword: "oneOf", "matches \(matches.count) alternatives of oneOf (\(names.joined(separator: ", "))), but must match exactly one")
            return false
        }
    }

    /// Reports that no alternative matched: one violation at the combinator summarising why, then
    /// the violations of the closest alternative, which are the ones worth acting on. What that
    /// alternative evaluated is passed on (the subschema is invalid anyway), so that
    /// `unevaluatedProperties` does not report the same members again as "not allowed".
    private mutating func reportNoMatch(
        _ keyword: String, _ alternatives: [NodeIndex], _ failures: [[SchemaViolation]], _ attempted: [EvaluatedLocations],
        of node: NodeIndex, _ instance: JSON, into evaluated: inout EvaluatedLocations
    ) {
        guard reporting else { return }
        let summary = AlternativeSummary(
            keyword: keyword, alternatives: alternatives, failures: failures, instance: instance, at: currentPointer,
            program: program)
        report(at: node, keyword: keyword, summary.message)
        append(summary.closestViolations)
        evaluated.formUnion(attempted[summary.closest])
    }
}

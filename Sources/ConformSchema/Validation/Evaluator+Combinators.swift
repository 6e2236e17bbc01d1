import ConformJSON

extension Evaluator {
    /// `anyOf`: at least one alternative must match. When annotations are collected every
    /// alternative is evaluated, since each matching one contributes.
    mutating func evaluateAnyOf(
        _ alternatives: [NodeIndex], of node: NodeIndex, _ instance: JSON, collecting: Bool,
        into evaluated: inout EvaluatedLocations
    ) -> Bool {
        let trial = tryAlternatives(alternatives, instance, collecting: collecting, enoughMatches: collecting ? nil : 1)
        guard !trial.matches.isEmpty else {
            reportNoMatch("anyOf", alternatives, trial, of: node, instance, into: &evaluated)
            return false
        }
        if collecting {
            for match in trial.matches { evaluated.formUnion(trial.annotations[match]) }
        }
        return true
    }

    /// `oneOf`: exactly one alternative must match.
    mutating func evaluateOneOf(
        _ alternatives: [NodeIndex], of node: NodeIndex, _ instance: JSON, collecting: Bool,
        into evaluated: inout EvaluatedLocations
    ) -> Bool {
        let trial = tryAlternatives(alternatives, instance, collecting: collecting, enoughMatches: 2)
        switch trial.matches.count {
        case 1:
            if collecting { evaluated.formUnion(trial.annotations[trial.matches[0]]) }
            return true
        case 0:
            reportNoMatch("oneOf", alternatives, trial, of: node, instance, into: &evaluated)
            return false
        default:
            let names = trial.matches.map { "oneOf/\($0)" }
            report(
                at: node, keyword: "oneOf",
                "matches \(trial.matches.count) alternatives of oneOf (\(names.joined(separator: ", "))), but must match exactly one"
            )
            return false
        }
    }

    /// What evaluating the alternatives of a combinator found, per alternative tried.
    private struct AlternativeTrial {
        var matches: [Int] = []
        var annotations: [EvaluatedLocations] = []
        /// Each alternative's violations; only recorded when reporting.
        var failures: [[SchemaViolation]] = []
    }

    /// Evaluates alternatives in order, each from fresh annotations, stopping once `enoughMatches`
    /// have matched; when reporting, every alternative is tried and its violations kept.
    private mutating func tryAlternatives(
        _ alternatives: [NodeIndex], _ instance: JSON, collecting: Bool, enoughMatches: Int?
    ) -> AlternativeTrial {
        var trial = AlternativeTrial()
        for (position, alternative) in alternatives.enumerated() {
            var local = EvaluatedLocations()
            let valid: Bool
            if reporting {
                let (alternativeValid, found) = evaluateCapturing(alternative, instance, collecting: collecting, into: &local)
                trial.failures.append(found)
                valid = alternativeValid
            } else {
                valid = evaluate(alternative, instance, collecting: collecting, into: &local)
            }
            trial.annotations.append(local)
            if valid { trial.matches.append(position) }
            if !reporting, let enoughMatches, trial.matches.count >= enoughMatches { break }
        }
        return trial
    }

    /// Reports that no alternative matched: one violation at the combinator summarising why, then
    /// the violations of the closest alternative, which are the ones worth acting on. What that
    /// alternative evaluated is passed on (the subschema is invalid anyway), so that
    /// `unevaluatedProperties` does not report the same members again as "not allowed".
    private mutating func reportNoMatch(
        _ keyword: String, _ alternatives: [NodeIndex], _ trial: AlternativeTrial, of node: NodeIndex, _ instance: JSON,
        into evaluated: inout EvaluatedLocations
    ) {
        guard reporting else { return }
        let summary = AlternativeSummary(
            keyword: keyword, alternatives: alternatives, failures: trial.failures, instance: instance, at: currentPointer,
            program: program)
        report(at: node, keyword: keyword, summary.message)
        append(summary.closestViolations)
        evaluated.formUnion(trial.annotations[summary.closest])
    }
}

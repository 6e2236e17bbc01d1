import ConformJSON

/// Explains why no alternative of an `anyOf` or `oneOf` matched and picks the alternative closest
/// to matching, whose violations are the useful ones: an alternative rejected for its type or for
/// its discriminating `const`/`enum` (such as an event's `type`) is a different shape altogether.
struct AlternativeSummary {
    let message: String
    /// The position of the alternative that came closest to matching.
    let closest: Int
    /// The violations of the closest alternative, when one got past the type and discriminator.
    let closestViolations: [SchemaViolation]

    /// How far an alternative got before failing, worst first.
    private enum Progress: Int, Comparable {
        case wrongType
        case wrongDiscriminator
        case wrongStructure

        static func < (lhs: Progress, rhs: Progress) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    init(
        keyword: String, alternatives: [NodeIndex], failures: [[SchemaViolation]], instance: JSON, at pointer: JSONPointer,
        program: SchemaProgram
    ) {
        let assessed = failures.map { Self.assess($0, at: pointer) }
        closest =
            assessed.indices.max { first, second in
                let a = assessed[first]
                let b = assessed[second]
                if a.progress != b.progress { return a.progress < b.progress }
                // Fewer violations is closer; on a tie the earlier alternative wins.
                if failures[first].count != failures[second].count { return failures[first].count > failures[second].count }
                return first > second
            } ?? 0
        let opening =
            alternatives.count == 1
            ? "does not match the only alternative of \(keyword)"
            : "matches none of the \(alternatives.count) alternatives of \(keyword)"

        switch assessed.map(\.progress).max() ?? .wrongType {
        case .wrongType:
            let types = alternatives.map { program.declaredTypes(of: $0) }
            if types.allSatisfy({ $0 != nil }) {
                let names = types.reduce(JSONTypeSet()) { $0.union($1!) }.names
                message = "\(opening): expected \(ViolationText.alternatives(names)), got \(ViolationText.typed(instance))"
            } else {
                message = "\(opening); each rejects \(ViolationText.typed(instance)) for its type"
            }
            closestViolations = []
        case .wrongDiscriminator:
            if let explained = Self.explainDiscriminator(assessed, alternatives, instance: instance, program: program) {
                message = "\(opening): \(explained)"
                closestViolations = []
            } else {
                (message, closestViolations) = Self.pointToClosest(
                    closest, keyword: keyword, opening: opening, failures: failures, assessed: assessed, at: pointer)
            }
        case .wrongStructure:
            (message, closestViolations) = Self.pointToClosest(
                closest, keyword: keyword, opening: opening, failures: failures, assessed: assessed, at: pointer)
        }
    }

    private struct Assessment {
        var progress: Progress
        /// The member whose `const`/`enum` rejected the instance; nil when the instance itself was.
        var discriminator: String?
    }

    private static func assess(_ violations: [SchemaViolation], at pointer: JSONPointer) -> Assessment {
        if violations.contains(where: { $0.keyword == "type" && $0.instancePointer == pointer }) {
            return Assessment(progress: .wrongType)
        }
        for violation in violations where violation.keyword == "const" || violation.keyword == "enum" {
            if violation.instancePointer == pointer { return Assessment(progress: .wrongDiscriminator) }
            if violation.instancePointer.parent == pointer {
                return Assessment(progress: .wrongDiscriminator, discriminator: violation.instancePointer.tokens.last)
            }
        }
        return Assessment(progress: .wrongStructure)
    }

    /// `"type" is "response.foo", expected one of [...]` when every alternative that got past the
    /// type check was rejected by the same member's `const` or `enum`.
    private static func explainDiscriminator(
        _ assessed: [Assessment], _ alternatives: [NodeIndex], instance: JSON, program: SchemaProgram
    ) -> String? {
        let discriminating = assessed.indices.filter { assessed[$0].progress == .wrongDiscriminator }
        let member = assessed[discriminating[0]].discriminator
        guard discriminating.allSatisfy({ assessed[$0].discriminator == member }) else { return nil }
        var allowed: [JSON] = []
        for index in discriminating {
            guard let values = program.allowedValues(of: alternatives[index], member: member) else { return nil }
            allowed += values.filter { value in !allowed.contains(value) }
        }
        guard let member else {
            var expected = allowed.prefix(10).map(ViolationText.value)
            if allowed.count > 10 { expected.append("\(allowed.count - 10) more values") }
            let otherTypes = assessed.indices.filter { assessed[$0].progress == .wrongType }.map {
                program.declaredTypes(of: alternatives[$0])
            }
            if otherTypes.allSatisfy({ $0 != nil }) {
                expected += otherTypes.reduce(JSONTypeSet()) { $0.union($1!) }.names.map { "any \($0)" }
            }
            return "expected \(ViolationText.alternatives(expected)), got \(ViolationText.value(instance))"
        }
        let actual = instance[member].map(ViolationText.value) ?? "missing"
        return "\(ViolationText.quoted(member)) is \(actual), expected one of \(ViolationText.list(allowed, limit: 12))"
    }

    private static func pointToClosest(
        _ closest: Int, keyword: String, opening: String, failures: [[SchemaViolation]], assessed: [Assessment],
        at pointer: JSONPointer
    ) -> (String, [SchemaViolation]) {
        let others = failures.indices.filter { $0 != closest }
        var parts = [
            "closest is \(keyword)/\(closest) (\(ViolationText.count(failures[closest].count, "violation")), listed next)"
        ]
        for other in others.prefix(3) {
            // The discriminator says best why a differently shaped alternative does not apply.
            let telling =
                assessed[other].progress == .wrongDiscriminator
                ? failures[other].first { $0.keyword == "const" || $0.keyword == "enum" } : nil
            guard let shown = telling ?? failures[other].first else { continue }
            parts.append("\(keyword)/\(other): \(brief(shown, at: pointer))")
        }
        if others.count > 3 { parts.append("\(others.count - 3) more alternatives") }
        return ("\(opening); " + parts.joined(separator: "; "), failures[closest])
    }

    /// A violation in a few words, its pointer shown when it is below the combinator's instance.
    private static func brief(_ violation: SchemaViolation, at pointer: JSONPointer) -> String {
        let text = violation.instancePointer == pointer ? violation.message : violation.description
        return text.count > 100 ? String(text.prefix(99)) + "…" : text
    }
}

import ConformJSON

/// One walk of an instance through a compiled program. In checking mode it answers valid or not
/// and stops at the first failure; in reporting mode it continues and collects every violation
/// with its instance pointer. Both modes reach the same verdict.
struct Evaluator {
    /// Nested subschemas beyond this depth mean a schema that refers to itself without moving
    /// into the instance (`{"$ref": "#"}`); evaluation stops there instead of exhausting the stack.
    static let maximumDepth = 2_000

    let program: SchemaProgram
    private(set) var reporting: Bool
    private(set) var violations: [SchemaViolation] = []
    private var path: [InstancePathToken] = []
    private var dynamicScope: [Int] = []
    private var depth = 0
    /// The grade of the innermost graded subschema being evaluated.
    private var level: String?

    init(program: SchemaProgram, reporting: Bool) {
        self.program = program
        self.reporting = reporting
    }

    mutating func evaluate(root: NodeIndex, _ instance: JSON) -> Bool {
        var evaluated = EvaluatedLocations()
        return evaluate(root, instance, collecting: false, into: &evaluated)
    }

    /// Evaluates a subschema against `instance`. When `collecting`, the members and items it
    /// evaluated are added to `evaluated` if it passes (when reporting, even if not; see below).
    mutating func evaluate(
        _ node: NodeIndex, _ instance: JSON, collecting: Bool, into evaluated: inout EvaluatedLocations
    ) -> Bool {
        if let types = program.nodes[node].onlyAllowedTypes, types.admits(instance) { return true }
        switch program.nodes[node].body {
        case .constant(true):
            return true
        case .constant(false):
            report(at: node, keyword: nil, "no value is allowed here (the schema is false)")
            return false
        case .keywords(let keywords):
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else {
                report(
                    at: node, keyword: nil, reportedAs: "$ref",
                    "the schema nests more than \(Self.maximumDepth) subschemas deep here; "
                        + "it refers to itself without moving into the instance")
                return false
            }
            let outerLevel = level
            if reporting, let graded = program.nodes[node].level { level = graded }
            defer { level = outerLevel }
            let resource = program.nodes[node].resource
            let entersResource = program.tracksDynamicScope && dynamicScope.last != resource
            if entersResource { dynamicScope.append(resource) }
            defer { if entersResource { dynamicScope.removeLast() } }

            let collectsHere = collecting || program.nodes[node].collectsAnnotations
            var local = EvaluatedLocations()
            var valid = true
            for keyword in keywords where !evaluate(keyword, of: node, instance, collecting: collectsHere, into: &local) {
                valid = false
                if !reporting { return false }
            }
            // An invalid subschema's annotations are dropped, except when reporting: then the
            // parent is invalid anyway, and passing them on keeps unevaluatedProperties from
            // repeating the failure as "not allowed". Alternatives of anyOf and oneOf start from
            // fresh annotations and keep them only when valid, so verdicts never change.
            if collecting && (valid || reporting) { evaluated.formUnion(local) }
            return valid
        }
    }

    /// Evaluates a subschema against a member or item: annotations do not cross into the child.
    mutating func evaluate(_ node: NodeIndex, child instance: JSON, at token: InstancePathToken) -> Bool {
        if reporting { path.append(token) }
        defer { if reporting { path.removeLast() } }
        var scratch = EvaluatedLocations()
        return evaluate(node, instance, collecting: false, into: &scratch)
    }

    /// Evaluates with reporting switched off: for `not`, `if` and `contains`, whose subschema
    /// failing is not itself a violation.
    mutating func evaluateQuietly(
        _ node: NodeIndex, _ instance: JSON, collecting: Bool, into evaluated: inout EvaluatedLocations
    ) -> Bool {
        let wasReporting = reporting
        reporting = false
        defer { reporting = wasReporting }
        return evaluate(node, instance, collecting: collecting, into: &evaluated)
    }

    /// Evaluates and returns the violations found separately instead of recording them, so a
    /// combinator can decide which alternatives to report.
    mutating func evaluateCapturing(
        _ node: NodeIndex, _ instance: JSON, collecting: Bool, into evaluated: inout EvaluatedLocations
    ) -> (valid: Bool, violations: [SchemaViolation]) {
        let outer = violations
        violations = []
        let valid = evaluate(node, instance, collecting: collecting, into: &evaluated)
        let captured = violations
        violations = outer
        return (valid, captured)
    }

    /// The resource stack `$dynamicRef` searches, outermost first.
    var resourcesInScope: [Int] { dynamicScope }

    var currentPointer: JSONPointer {
        JSONPointer(tokens: path.map(\.text))
    }

    /// Records a violation of `keyword` of `node` (or of the subschema itself when `keyword` is
    /// nil) at the current instance location. The message is only built when reporting.
    mutating func report(
        at node: NodeIndex, keyword: String?, reportedAs name: String? = nil, level: String? = nil,
        _ message: @autoclosure () -> String
    ) {
        guard reporting else { return }
        violations.append(
            SchemaViolation(
                instancePointer: currentPointer, schemaLocation: program.locationText(of: node, keyword: keyword),
                keyword: name ?? keyword ?? "false", message: message(), level: level ?? self.level))
    }

    mutating func append(_ found: [SchemaViolation]) {
        if reporting { violations += found }
    }
}

/// One step into the instance: an object member or an array index.
enum InstancePathToken {
    case member(String)
    case index(Int)

    var text: String {
        switch self {
        case .member(let name): name
        case .index(let index): String(index)
        }
    }
}

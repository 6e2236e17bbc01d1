import ConformJSON

extension SchemaCompiler {
    /// Compiles the keywords of one schema object in evaluation order: cheap assertions first,
    /// then applicators, then references, and the `unevaluated*` keywords last because they depend
    /// on what their siblings evaluated. Keywords outside `vocabulary` and unknown keywords are
    /// annotations and are skipped.
    mutating func compileKeywords(
        of object: JSONObject, at location: SchemaLocation, vocabulary: Vocabulary
    ) throws(SchemaLoadError) -> [Keyword] {
        let reader = KeywordReader(
            object: object, location: location, vocabulary: vocabulary, source: registry.documents[location.document].source)
        var keywords: [Keyword] = []

        if let value = reader.value("type") { keywords.append(.type(try reader.types(value))) }
        if let value = reader.value("const") { keywords.append(.constant(value)) }
        if let value = reader.value("enum") {
            guard case .array(let allowed) = value else { throw reader.invalid("enum", "enum must be an array") }
            keywords.append(.enumeration(allowed))
        }
        if let bound = try reader.number("minimum") { keywords.append(.minimum(bound)) }
        if let bound = try reader.number("exclusiveMinimum") { keywords.append(.exclusiveMinimum(bound)) }
        if let bound = try reader.number("maximum") { keywords.append(.maximum(bound)) }
        if let bound = try reader.number("exclusiveMaximum") { keywords.append(.exclusiveMaximum(bound)) }
        if let divisor = try reader.number("multipleOf") {
            guard divisor > .integer(0) else { throw reader.invalid("multipleOf", "multipleOf must be greater than 0") }
            keywords.append(.multipleOf(divisor))
        }
        if let length = try reader.count("minLength") { keywords.append(.minLength(length)) }
        if let length = try reader.count("maxLength") { keywords.append(.maxLength(length)) }
        if let value = reader.value("pattern") { keywords.append(.pattern(try reader.pattern(value, keyword: "pattern"))) }
        if let count = try reader.count("minItems") { keywords.append(.minItems(count)) }
        if let count = try reader.count("maxItems") { keywords.append(.maxItems(count)) }
        if let value = reader.value("uniqueItems") {
            guard case .bool(let unique) = value else { throw reader.invalid("uniqueItems", "uniqueItems must be a boolean") }
            if unique { keywords.append(.uniqueItems) }
        }
        if let count = try reader.count("minProperties") { keywords.append(.minProperties(count)) }
        if let count = try reader.count("maxProperties") { keywords.append(.maxProperties(count)) }
        if let value = reader.value("required") { keywords.append(.required(try reader.names(value, keyword: "required"))) }
        if let value = reader.value("dependentRequired") {
            guard case .object(let dependencies) = value else {
                throw reader.invalid("dependentRequired", "dependentRequired must be an object of property name arrays")
            }
            var requirements: [DependentRequirement] = []
            for (property, names) in dependencies {
                requirements.append(
                    DependentRequirement(
                        property: property, required: try reader.names(names, keyword: "dependentRequired", member: property)))
            }
            keywords.append(.dependentRequired(requirements))
        }

        try compileObjectApplicators(reader, into: &keywords)
        try compileArrayApplicators(reader, into: &keywords)
        try compileCombinators(reader, into: &keywords)
        try compileReferences(reader, into: &keywords)
        if let defs = reader.object["$defs"] {
            guard case .object = defs else { throw reader.invalid("$defs", "$defs must be an object of schemas") }
            _ = try subschemas(reader, "$defs", always: true)
        }
        if let schema = try subschema(reader, "unevaluatedItems") { keywords.append(.unevaluatedItems(schema)) }
        if let schema = try subschema(reader, "unevaluatedProperties") { keywords.append(.unevaluatedProperties(schema)) }
        return keywords
    }

    private mutating func compileObjectApplicators(
        _ reader: KeywordReader, into keywords: inout [Keyword]
    ) throws(SchemaLoadError) {
        let named = try subschemas(reader, "properties")
        var patterns: [(pattern: ECMAPattern, schema: NodeIndex)] = []
        if let patternSchemas = try subschemas(reader, "patternProperties") {
            for (source, schema) in patternSchemas {
                patterns.append((try reader.pattern(.string(source), keyword: "patternProperties", member: source), schema))
            }
        }
        let additional = try subschema(reader, "additionalProperties")
        if named != nil || !patterns.isEmpty || additional != nil {
            keywords.append(
                .properties(
                    PropertyApplicator(
                        named: Dictionary((named ?? []).map { ($0.name, $0.schema) }, uniquingKeysWith: { first, _ in first }),
                        patterns: patterns, additional: additional)))
        }
        if let schema = try subschema(reader, "propertyNames") { keywords.append(.propertyNames(schema)) }
        if let dependent = try subschemas(reader, "dependentSchemas") {
            keywords.append(.dependentSchemas(dependent.map { DependentSchema(property: $0.name, schema: $0.schema) }))
        }
        try compileLegacyDependencies(reader, into: &keywords)
    }

    /// Draft 7's `dependencies`, which 2020-12 split into `dependentRequired` (array values) and
    /// `dependentSchemas` (schema values). Schemas written for draft 7 still use it, and the
    /// 2020-12 meta-schema keeps it for that reason.
    private mutating func compileLegacyDependencies(
        _ reader: KeywordReader, into keywords: inout [Keyword]
    ) throws(SchemaLoadError) {
        guard let value = reader.value("dependencies") else { return }
        guard case .object(let dependencies) = value else {
            throw reader.invalid("dependencies", "dependencies must be an object of property name arrays or schemas")
        }
        var requirements: [DependentRequirement] = []
        var schemas: [DependentSchema] = []
        for (property, dependency) in dependencies {
            if case .array = dependency {
                requirements.append(
                    DependentRequirement(
                        property: property, required: try reader.names(dependency, keyword: "dependencies", member: property)))
            } else {
                schemas.append(
                    DependentSchema(
                        property: property, schema: try compileNode(at: reader.memberLocation("dependencies", property))))
            }
        }
        if !requirements.isEmpty { keywords.append(.dependentRequired(requirements)) }
        if !schemas.isEmpty { keywords.append(.dependentSchemas(schemas)) }
    }

    private mutating func compileArrayApplicators(_ reader: KeywordReader, into keywords: inout [Keyword]) throws(SchemaLoadError)
    {
        let prefix = try schemaList(reader, "prefixItems")
        let rest = try subschema(reader, "items")
        if prefix != nil || rest != nil {
            keywords.append(.items(ItemApplicator(prefix: prefix ?? [], rest: rest)))
        }
        let minimum = try reader.count("minContains")
        let maximum = try reader.count("maxContains")
        if let schema = try subschema(reader, "contains") {
            keywords.append(.contains(ContainsApplicator(schema: schema, minimum: minimum ?? 1, maximum: maximum)))
        }
    }

    private mutating func compileCombinators(_ reader: KeywordReader, into keywords: inout [Keyword]) throws(SchemaLoadError) {
        if let schemas = try schemaList(reader, "allOf") { keywords.append(.allOf(schemas)) }
        if let schemas = try schemaList(reader, "anyOf") { keywords.append(.anyOf(schemas)) }
        if let schemas = try schemaList(reader, "oneOf") { keywords.append(.oneOf(schemas)) }
        if let schema = try subschema(reader, "not") { keywords.append(.not(schema)) }
        let condition = try subschema(reader, "if")
        let then = try subschema(reader, "then")
        let otherwise = try subschema(reader, "else")
        if let condition {
            keywords.append(.conditional(ConditionalApplicator(condition: condition, then: then, otherwise: otherwise)))
        }
    }

    private mutating func compileReferences(_ reader: KeywordReader, into keywords: inout [Keyword]) throws(SchemaLoadError) {
        if let value = reader.value("$ref") {
            guard case .string(let reference) = value else { throw reader.invalid("$ref", "$ref must be a string") }
            let target = try registry.resolve(reference, from: reader.location, keyword: "$ref")
            keywords.append(.reference(try compileNode(at: target.location)))
        }
        if let value = reader.value("$dynamicRef") {
            guard case .string(let reference) = value else { throw reader.invalid("$dynamicRef", "$dynamicRef must be a string") }
            let target = try registry.resolve(reference, from: reader.location, keyword: "$dynamicRef")
            let node = try compileNode(at: target.location)
            // Only a reference whose static target declares the anchor as dynamic looks further.
            let dynamicAnchor = target.anchorIsDynamic ? target.anchorName : nil
            if dynamicAnchor != nil { noteDynamicScopeUse() }
            keywords.append(.dynamicReference(DynamicReference(target: node, dynamicAnchor: dynamicAnchor)))
        }
    }

    /// The subschema under `keyword`, compiled.
    private mutating func subschema(_ reader: KeywordReader, _ keyword: String) throws(SchemaLoadError) -> NodeIndex? {
        guard reader.value(keyword) != nil else { return nil }
        return try compileNode(at: reader.memberLocation(keyword))
    }

    /// The subschemas of an array-valued keyword (`allOf`, `prefixItems`...), which must not be empty.
    private mutating func schemaList(_ reader: KeywordReader, _ keyword: String) throws(SchemaLoadError) -> [NodeIndex]? {
        guard let value = reader.value(keyword) else { return nil }
        guard case .array(let schemas) = value, !schemas.isEmpty else {
            throw reader.invalid(keyword, "\(keyword) must be a non-empty array of schemas")
        }
        var compiled: [NodeIndex] = []
        for index in schemas.indices {
            compiled.append(try compileNode(at: reader.memberLocation(keyword, String(index))))
        }
        return compiled
    }

    /// The subschemas of an object-valued keyword (`properties`, `$defs`...), by member name.
    private mutating func subschemas(
        _ reader: KeywordReader, _ keyword: String, always: Bool = false
    ) throws(SchemaLoadError) -> [(name: String, schema: NodeIndex)]? {
        guard let value = always ? reader.object[keyword] : reader.value(keyword) else { return nil }
        guard case .object(let schemas) = value else { throw reader.invalid(keyword, "\(keyword) must be an object of schemas") }
        var compiled: [(name: String, schema: NodeIndex)] = []
        for name in schemas.keys {
            compiled.append((name, try compileNode(at: reader.memberLocation(keyword, name))))
        }
        return compiled
    }
}

/// Reads the keywords of one schema object with the checks JSON Schema puts on their values,
/// producing errors that name the document and the keyword's pointer.
struct KeywordReader {
    let object: JSONObject
    let location: SchemaLocation
    let vocabulary: Vocabulary
    let source: String

    /// The keyword's value when present and its vocabulary is in force.
    func value(_ keyword: String) -> JSON? {
        guard let value = object[keyword] else { return nil }
        if let owner = Vocabulary(keyword: keyword), !vocabulary.contains(owner) { return nil }
        return value
    }

    func memberLocation(_ keyword: String, _ member: String? = nil) -> SchemaLocation {
        var pointer = location.pointer.appending(keyword)
        if let member { pointer = pointer.appending(member) }
        return SchemaLocation(document: location.document, pointer: pointer)
    }

    func invalid(_ keyword: String, _ reason: String, member: String? = nil) -> SchemaLoadError {
        SchemaLoadError(kind: .invalidKeyword, file: source, pointer: memberLocation(keyword, member).pointer, reason: reason)
    }

    func number(_ keyword: String) throws(SchemaLoadError) -> SchemaNumber? {
        guard let value = value(keyword) else { return nil }
        guard let number = SchemaNumber(value) else { throw invalid(keyword, "\(keyword) must be a number") }
        return number
    }

    /// A non-negative integer; `2.0` counts as `2`, as JSON Schema allows.
    func count(_ keyword: String) throws(SchemaLoadError) -> Int? {
        guard let value = value(keyword) else { return nil }
        guard let integer = value.integerValue, integer >= 0, let count = Int(exactly: integer) else {
            throw invalid(keyword, "\(keyword) must be a non-negative integer")
        }
        return count
    }

    func types(_ value: JSON) throws(SchemaLoadError) -> JSONTypeSet {
        let names: [JSON]
        switch value {
        case .string: names = [value]
        case .array(let listed): names = listed
        default: throw invalid("type", "type must be a type name or an array of type names")
        }
        var types: JSONTypeSet = []
        for (index, name) in names.enumerated() {
            guard case .string(let text) = name, let type = JSONTypeSet(name: text) else {
                throw invalid(
                    "type",
                    "\(JSONDiff.preview(name, limit: 40)) is not a JSON Schema type; use one of "
                        + JSONTypeSet.namedTypes.map(\.name).joined(separator: ", "),
                    member: value.arrayValue == nil ? nil : String(index))
            }
            types.insert(type)
        }
        return types
    }

    /// An array of unique property names (`required`, the members of `dependentRequired`).
    func names(_ value: JSON, keyword: String, member: String? = nil) throws(SchemaLoadError) -> [String] {
        guard case .array(let elements) = value else {
            throw invalid(keyword, "\(keyword) must be an array of property names", member: member)
        }
        var names: [String] = []
        for element in elements {
            guard case .string(let name) = element else {
                throw invalid(keyword, "\(keyword) must list property names as strings", member: member)
            }
            guard !names.contains(name) else {
                throw invalid(keyword, "\(keyword) lists \"\(name)\" twice", member: member)
            }
            names.append(name)
        }
        return names
    }

    func pattern(_ value: JSON, keyword: String, member: String? = nil) throws(SchemaLoadError) -> ECMAPattern {
        guard case .string(let source) = value else { throw invalid(keyword, "\(keyword) must be a string") }
        do {
            return try ECMAPattern(source)
        } catch {
            throw invalid(keyword, "invalid regular expression \(JSONDiff.preview(value)): \(error.reason)", member: member)
        }
    }
}

import ConformJSON

/// A compiled keyword, or a group of sibling keywords that only make sense together
/// (`properties` with `patternProperties` and `additionalProperties`, `prefixItems` with `items`,
/// `contains` with its bounds, `if` with `then` and `else`).
enum Keyword: Sendable {
    case type(JSONTypeSet)
    case constant(JSON)
    case enumeration([JSON])
    case minimum(SchemaNumber)
    case exclusiveMinimum(SchemaNumber)
    case maximum(SchemaNumber)
    case exclusiveMaximum(SchemaNumber)
    case multipleOf(SchemaNumber)
    case minLength(Int)
    case maxLength(Int)
    case pattern(ECMAPattern)
    case minItems(Int)
    case maxItems(Int)
    case uniqueItems
    case minProperties(Int)
    case maxProperties(Int)
    case required([String])
    case dependentRequired([DependentRequirement])
    case properties(PropertyApplicator)
    case propertyNames(NodeIndex)
    case dependentSchemas([DependentSchema])
    case items(ItemApplicator)
    case contains(ContainsApplicator)
    case allOf([NodeIndex])
    case anyOf([NodeIndex])
    case oneOf([NodeIndex])
    case not(NodeIndex)
    case conditional(ConditionalApplicator)
    case reference(NodeIndex)
    case dynamicReference(DynamicReference)
    case unevaluatedItems(NodeIndex)
    case unevaluatedProperties(NodeIndex)
}

/// `dependentRequired`: when `property` is present, every name in `required` must be too.
struct DependentRequirement: Sendable {
    var property: String
    var required: [String]
}

/// `dependentSchemas`: when `property` is present, the whole object must match `schema`.
struct DependentSchema: Sendable {
    var property: String
    var schema: NodeIndex
}

/// `properties`, `patternProperties` and `additionalProperties` of one subschema: which schema
/// applies to a member depends on all three.
struct PropertyApplicator: Sendable {
    var named: [String: NodeIndex]
    var patterns: [(pattern: ECMAPattern, schema: NodeIndex)]
    var additional: NodeIndex?
}

/// `prefixItems` and `items`: positional schemas, then one schema for the rest of the array.
struct ItemApplicator: Sendable {
    var prefix: [NodeIndex]
    var rest: NodeIndex?
}

/// `contains` with `minContains` (default 1) and `maxContains`.
struct ContainsApplicator: Sendable {
    var schema: NodeIndex
    var minimum: Int
    var maximum: Int?
}

/// `if` with `then` and `else`; either branch may be absent.
struct ConditionalApplicator: Sendable {
    var condition: NodeIndex
    var then: NodeIndex?
    var otherwise: NodeIndex?
}

/// `$dynamicRef`: the statically resolved target, and the anchor name to look up in the dynamic
/// scope when that target declares it as a `$dynamicAnchor` (otherwise it acts as `$ref`).
struct DynamicReference: Sendable {
    var target: NodeIndex
    var dynamicAnchor: String?
}

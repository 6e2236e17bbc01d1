/// The draft 2020-12 vocabularies whose keywords this validator evaluates. A dialect whose
/// meta-schema leaves a vocabulary out (through `$vocabulary`) turns those keywords into annotations.
struct Vocabulary: OptionSet, Sendable {
    let rawValue: UInt8

    static let applicator = Vocabulary(rawValue: 1 << 0)
    static let unevaluated = Vocabulary(rawValue: 1 << 1)
    static let validation = Vocabulary(rawValue: 1 << 2)
    /// Identifiers and references: always in force, whatever the meta-schema says.
    static let core = Vocabulary(rawValue: 1 << 3)
    /// Keywords this validator treats as annotations whether or not the vocabulary is listed.
    static let annotationsOnly = Vocabulary(rawValue: 1 << 4)

    static let all: Vocabulary = [.core, .applicator, .unevaluated, .validation, .annotationsOnly]

    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The vocabulary a `$vocabulary` URI names; nil for vocabularies this validator does not know.
    init?(uri: String) {
        switch uri {
        case "https://json-schema.org/draft/2020-12/vocab/core": self = .core
        case "https://json-schema.org/draft/2020-12/vocab/applicator": self = .applicator
        case "https://json-schema.org/draft/2020-12/vocab/unevaluated": self = .unevaluated
        case "https://json-schema.org/draft/2020-12/vocab/validation": self = .validation
        case "https://json-schema.org/draft/2020-12/vocab/meta-data",
            "https://json-schema.org/draft/2020-12/vocab/format-annotation",
            "https://json-schema.org/draft/2020-12/vocab/content":
            self = .annotationsOnly
        default: return nil
        }
    }

    /// The vocabulary a keyword belongs to; nil for keywords that are annotations or unknown.
    init?(keyword: String) {
        switch keyword {
        case "prefixItems", "items", "contains", "additionalProperties", "properties", "patternProperties",
            "dependentSchemas", "dependencies", "propertyNames", "if", "then", "else", "allOf", "anyOf", "oneOf", "not":
            self = .applicator
        case "unevaluatedItems", "unevaluatedProperties":
            self = .unevaluated
        case "type", "const", "enum", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
            "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
            "maxProperties", "minProperties", "required", "dependentRequired":
            self = .validation
        case "$ref", "$dynamicRef":
            self = .core
        default:
            return nil
        }
    }
}

import ConformJSON

/// The keywords whose values are subschemas, by shape. Only these are searched for `$id` and
/// anchors: an `$id` inside `enum`, `const` or an unknown keyword is data, not an identifier.
enum SubschemaKeywords {
    static let single: Set<String> = [
        "additionalProperties", "propertyNames", "items", "contains", "not", "if", "then", "else",
        "unevaluatedItems", "unevaluatedProperties", "contentSchema",
    ]
    static let map: Set<String> = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies"]
    static let array: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems"]
}

extension SchemaRegistry {
    /// Records the scope of every subschema under `location` and registers the resources and
    /// anchors declared there.
    mutating func scanIdentifiers(in value: JSON, at location: SchemaLocation, scope: Scope) throws(SchemaLoadError) {
        guard case .object(let object) = value else {
            record(scope, at: location)
            return
        }
        var scope = scope
        let source = documents[location.document].source
        let invalid = { (keyword: String, reason: String) in
            SchemaLoadError(kind: .invalidKeyword, file: source, pointer: location.pointer.appending(keyword), reason: reason)
        }
        if let identifier = object["$id"] {
            guard case .string(let text) = identifier else { throw invalid("$id", "$id must be a string") }
            let reference = URIReference(parsing: text)
            if let fragment = reference.fragment, !fragment.isEmpty {
                throw invalid("$id", "$id must not have a fragment; declare \"#\(fragment)\" with $anchor instead")
            }
            let uri = reference.resolved(against: scope.baseURI).withoutFragment
            scope.resource = try register(resource: uri.text, at: location)
            scope.baseURI = uri
        }
        if location.pointer.isRoot || object["$id"] != nil, let dialect = object["$schema"] {
            guard case .string(let text) = dialect else { throw invalid("$schema", "$schema must be a string") }
            scope.dialect = text
        }
        record(scope, at: location)
        for keyword in ["$anchor", "$dynamicAnchor"] {
            guard let anchor = object[keyword] else { continue }
            guard case .string(let name) = anchor, Self.isAnchorName(name) else {
                throw invalid(
                    keyword, "\(keyword) must be a name: a letter or underscore, then letters, digits, \"-\", \"_\" or \".\"")
            }
            try register(anchor: name, dynamic: keyword == "$dynamicAnchor", at: location, scope: scope)
        }
        for (keyword, member) in object {
            let memberPointer = location.pointer.appending(keyword)
            if SubschemaKeywords.single.contains(keyword) {
                try scanIdentifiers(
                    in: member, at: SchemaLocation(document: location.document, pointer: memberPointer), scope: scope)
            } else if SubschemaKeywords.map.contains(keyword), case .object(let schemas) = member {
                for (name, schema) in schemas {
                    try scanIdentifiers(
                        in: schema, at: SchemaLocation(document: location.document, pointer: memberPointer.appending(name)),
                        scope: scope)
                }
            } else if SubschemaKeywords.array.contains(keyword), case .array(let schemas) = member {
                for (index, schema) in schemas.enumerated() {
                    try scanIdentifiers(
                        in: schema, at: SchemaLocation(document: location.document, pointer: memberPointer.appending(index)),
                        scope: scope)
                }
            }
        }
    }

    /// `^[A-Za-z_][-A-Za-z0-9._]*$`, the anchor name grammar of draft 2020-12.
    static func isAnchorName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first.isASCIILetter else { return false }
        return name.unicodeScalars.allSatisfy {
            $0.isASCIILetter || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)
        }
    }
}

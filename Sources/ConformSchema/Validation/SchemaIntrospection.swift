import ConformJSON

/// Static questions about compiled subschemas, used to explain failed alternatives: which types a
/// subschema admits, and which values its `const` or `enum` allows for a member.
extension SchemaProgram {
    /// Nested references followed before giving up, which also stops at recursive schemas.
    private static let introspectionDepth = 8

    /// The types a subschema admits through `type`, following `$ref` and `allOf`; nil when it
    /// does not constrain the type.
    func declaredTypes(of node: NodeIndex, depth: Int = 0) -> JSONTypeSet? {
        guard depth < Self.introspectionDepth, case .keywords(let keywords) = nodes[node].body else { return nil }
        var result: JSONTypeSet?
        func narrow(_ types: JSONTypeSet?) {
            guard let types else { return }
            result = result.map { $0.intersection(types) } ?? types
        }
        for keyword in keywords {
            switch keyword {
            case .type(let types): narrow(types)
            case .reference(let target): narrow(declaredTypes(of: target, depth: depth + 1))
            case .dynamicReference(let reference): narrow(declaredTypes(of: reference.target, depth: depth + 1))
            case .allOf(let schemas): schemas.forEach { narrow(declaredTypes(of: $0, depth: depth + 1)) }
            default: break
            }
        }
        return result
    }

    /// The grade of `member`'s absence from an instance of `node`: the `x-conform-presence` (else
    /// the `x-conform-level`) of the subschema `node`'s `properties` gives the member.
    func presenceLevel(of member: String, in node: NodeIndex) -> String? {
        guard case .keywords(let keywords) = nodes[node].body else { return nil }
        for case .properties(let applicator) in keywords {
            if let schema = applicator.named[member] { return nodes[schema].presenceLevel ?? nodes[schema].level }
        }
        return nil
    }

    /// The values `const` or `enum` allow for `member` of the instance (for the instance itself
    /// when `member` is nil), following `$ref` and `allOf`; nil when no such list applies.
    func allowedValues(of node: NodeIndex, member: String?, depth: Int = 0) -> [JSON]? {
        guard depth < Self.introspectionDepth, case .keywords(let keywords) = nodes[node].body else { return nil }
        for keyword in keywords {
            var found: [JSON]?
            switch keyword {
            case .constant(let value) where member == nil: found = [value]
            case .enumeration(let values) where member == nil: found = values
            case .properties(let applicator):
                if let member, let schema = applicator.named[member] {
                    found = allowedValues(of: schema, member: nil, depth: depth + 1)
                }
            case .reference(let target): found = allowedValues(of: target, member: member, depth: depth + 1)
            case .dynamicReference(let reference): found = allowedValues(of: reference.target, member: member, depth: depth + 1)
            case .allOf(let schemas):
                found = schemas.lazy.compactMap { self.allowedValues(of: $0, member: member, depth: depth + 1) }.first
            default: break
            }
            if let found { return found }
        }
        return nil
    }
}

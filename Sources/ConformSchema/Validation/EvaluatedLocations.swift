/// The object members and array items that the keywords of a subschema evaluated successfully:
/// the annotations `unevaluatedProperties` and `unevaluatedItems` read.
struct EvaluatedLocations {
    var allProperties = false
    var properties: Set<String> = []
    var allItems = false
    /// Items before this index were evaluated by `prefixItems`.
    var itemPrefix = 0
    /// Items evaluated individually, by `contains`.
    var items: Set<Int> = []

    mutating func formUnion(_ other: EvaluatedLocations) {
        allProperties = allProperties || other.allProperties
        if !other.properties.isEmpty { properties.formUnion(other.properties) }
        allItems = allItems || other.allItems
        itemPrefix = max(itemPrefix, other.itemPrefix)
        if !other.items.isEmpty { items.formUnion(other.items) }
    }

    func includes(property name: String) -> Bool {
        allProperties || properties.contains(name)
    }

    func includes(item index: Int) -> Bool {
        allItems || index < itemPrefix || items.contains(index)
    }
}

import ConformJSON

/// Finds equal items for `uniqueItems`, where numbers compare by value (`1` equals `1.0`) and
/// objects regardless of member order.
enum UniqueItems {
    /// Below this many items pairwise comparison is cheaper than hashing.
    private static let pairwiseLimit = 16

    /// The indices of the first pair of equal items, if any.
    static func firstDuplicate(in items: [JSON]) -> (Int, Int)? {
        if items.count <= pairwiseLimit {
            for second in items.indices {
                for first in 0..<second where items[first].isNumericallyEqual(to: items[second]) {
                    return (first, second)
                }
            }
            return nil
        }
        // Hashing finds candidates; Swift equates canonically equivalent strings, so each
        // candidate is confirmed by code point before it counts as a duplicate.
        var indicesByValue: [JSON: [Int]] = [:]
        for (index, item) in items.enumerated() {
            let key = normalized(item)
            if let earlier = indicesByValue[key]?.first(where: { items[$0].isNumericallyEqual(to: item) }) {
                return (earlier, index)
            }
            indicesByValue[key, default: []].append(index)
        }
        return nil
    }

    /// The value with every integral real turned into an integer, so that structural equality and
    /// hashing agree with numeric equality.
    private static func normalized(_ value: JSON) -> JSON {
        switch value {
        case .number(let real):
            if let integer = Int64(exactly: real) { return .integer(integer) }
            return value
        case .array(let items):
            return .array(items.map(normalized))
        case .object(let object):
            return .object(JSONObject(object.map { ($0.key, normalized($0.value)) }))
        default:
            return value
        }
    }
}

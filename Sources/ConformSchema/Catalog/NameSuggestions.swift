/// Finds the known names closest to a mistyped one, for "did you mean" hints.
public enum NameSuggestions {
    /// Up to `limit` names within a small edit distance of `name`, or sharing its last path
    /// component, closest first.
    public static func closest(to name: String, among names: [String], limit: Int = 5) -> [String] {
        let target = Array(name.lowercased())
        let lastComponent = name.split(separator: "/").last.map { $0.lowercased() } ?? ""
        let threshold = max(2, target.count / 3)
        let scored = names.compactMap { candidate -> (distance: Int, name: String)? in
            let distance = editDistance(target, Array(candidate.lowercased()))
            if distance <= threshold { return (distance, candidate) }
            let candidateLast = candidate.split(separator: "/").last.map { $0.lowercased() } ?? ""
            if !lastComponent.isEmpty && (candidateLast.contains(lastComponent) || lastComponent.contains(candidateLast)) {
                return (threshold + 1, candidate)
            }
            return nil
        }
        return scored.sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }.prefix(limit).map(\.name)
    }

    /// Levenshtein distance: insertions, deletions and substitutions.
    public static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for (i, characterA) in a.enumerated() {
            current[0] = i + 1
            for (j, characterB) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (characterA == characterB ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

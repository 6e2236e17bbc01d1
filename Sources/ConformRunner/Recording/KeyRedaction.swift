import ConformJSON

/// Replaces the run's API key wherever it appears in recorded text with `$GPUSTACK_API_KEY`, so
/// no report or log ever holds it and reproduction commands still read as commands.
struct KeyRedaction: Sendable {
    static let placeholder = "$GPUSTACK_API_KEY"

    let key: String?

    func redact(_ text: String) -> String {
        guard let key, !key.isEmpty, text.contains(key) else { return text }
        return text.replacing(key, with: Self.placeholder)
    }

    func redact(_ value: JSON) -> JSON {
        guard let key, !key.isEmpty else { return value }
        switch value {
        case .string(let text): return .string(redact(text))
        case .array(let elements): return .array(elements.map(redact))
        case .object(let object): return .object(JSONObject(object.map { (redact($0.key), redact($0.value)) }))
        default: return value
        }
    }
}

import ConformJSON

/// How much work an endpoint's answer can take, which decides whether it runs in the
/// ``HeavyWorkPool`` or at once on the thread that received it. The pool protects the server from
/// requests whose work grows with their size; for a small request its hop between threads would
/// cost more than the work itself.
enum WorkCost: Sendable {
    /// Work of a bounded size whatever the request (chat, completions): never pooled.
    case bounded
    /// Work that grows with the text of a JSON request (embeddings, rerank): pooled past
    /// ``smallTextBytes`` of text in all.
    case byText
    /// Work that can be large from a small request (speech, pictures, transcription): always pooled.
    case unbounded

    /// How much text a `byText` request may carry and still be answered at once: about a page,
    /// well under a millisecond of work.
    static let smallTextBytes = 4096

    func needsPool(_ request: WorkerRequest) -> Bool {
        switch self {
        case .bounded: false
        case .unbounded: true
        case .byText:
            if case .json(let body) = request.body { Self.textBytes(in: body, upTo: Self.smallTextBytes) > Self.smallTextBytes } else { true }
        }
    }

    /// The bytes of every string in `value`, counted until they pass `limit`.
    static func textBytes(in value: JSON, upTo limit: Int) -> Int {
        var total = 0
        var pending = [value]
        while let next = pending.popLast(), total <= limit {
            switch next {
            case .string(let text): total += text.utf8.count
            case .array(let elements): pending.append(contentsOf: elements)
            case .object(let object): for (_, member) in object { pending.append(member) }
            default: total += 8
            }
        }
        return total
    }
}

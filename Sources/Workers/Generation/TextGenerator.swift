import Foundation

/// Generates the deterministic text a mock model "writes": plain English-looking sentences built
/// from short words, produced one token at a time so streams and usage agree exactly. Each piece
/// costs exactly one token under ``TokenCounter``.
public enum TextGenerator {
    static let vocabulary = [
        "the", "mock", "said", "a", "it", "is", "on", "for", "with", "data", "test", "each", "run", "same",
        "byte", "word", "will", "be", "as", "of", "to", "and", "this", "that", "we", "can", "you", "what",
        "when", "now", "here", "then", "true", "path", "key", "item", "list", "text", "more", "less", "line",
        "node", "call", "load", "save", "send", "time", "fast", "slow", "new", "old", "good", "real", "fine",
        "note", "plan", "form", "unit", "code", "step", "next", "last", "case", "rule",
    ]

    /// How many tokens a reply runs to when nothing limits it: 16 to 48.
    public static func naturalLength(_ random: inout SeededRandom) -> Int {
        16 + random.below(33)
    }

    /// `count` pieces of text, each one token: words with a leading space (none for the very
    /// first), full stops, and a capital after each stop.
    public static func pieces(count: Int, _ random: inout SeededRandom) -> [String] {
        var pieces: [String] = []
        pieces.reserveCapacity(count)
        var wordsLeftInSentence = 0
        var capitalize = true
        while pieces.count < count {
            if wordsLeftInSentence == 0 && !capitalize {
                pieces.append(".")
                capitalize = true
                continue
            }
            if capitalize { wordsLeftInSentence = 4 + random.below(9) }
            var word = vocabulary[random.below(vocabulary.count)]
            if capitalize {
                word = word.prefix(1).uppercased() + word.dropFirst()
                capitalize = false
            }
            pieces.append(pieces.isEmpty ? word : " " + word)
            wordsLeftInSentence -= 1
        }
        return pieces
    }

    /// A short phrase of `words` words for names and values inside generated JSON.
    public static func phrase(words: Int, _ random: inout SeededRandom) -> String {
        (0..<max(words, 1)).map { _ in vocabulary[random.below(vocabulary.count)] }.joined(separator: " ")
    }
}

/// A reply planned up front: its pieces (one token each, the last possibly cut by a stop
/// sequence), the full text and why it ended.
public struct GeneratedReply: Sendable, Hashable {
    public var pieces: [String]
    public var finishReason: FinishReason
    /// The stop sequence generation ended before, when one did (vLLM's `stop_reason`).
    public var stopSequence: String?

    /// Why generation ended, in the OpenAI vocabulary.
    public enum FinishReason: String, Sendable, Hashable {
        case stop
        case length
        case toolCalls = "tool_calls"
    }

    public var text: String { pieces.joined() }
    public var tokens: Int { TokenCounter.count(text) }

    /// Plans a reply of natural length, cut at `maxTokens` (finish reason `length`) or just before
    /// the first stop sequence (finish reason `stop`).
    public init(random: inout SeededRandom, maxTokens: Int?, stop: [String]) {
        let natural = TextGenerator.naturalLength(&random)
        let length = min(natural, maxTokens ?? natural)
        var pieces = TextGenerator.pieces(count: length, &random)
        var finish: FinishReason = length < natural ? .length : .stop
        var stopSequence: String?
        let stops = stop.filter { !$0.isEmpty }
        if !stops.isEmpty {
            var text = ""
            for piece in pieces {
                text += piece
                let hits = stops.compactMap { stop in text.range(of: stop).map { (stop, $0.lowerBound) } }
                guard let (hit, cut) = hits.min(by: { $0.1 < $1.1 }) else { continue }
                var kept = Substring(text[..<cut])
                var trimmed: [String] = []
                for piece in pieces where !kept.isEmpty {
                    let taken = kept.prefix(piece.count)
                    trimmed.append(String(taken))
                    kept = kept.dropFirst(taken.count)
                }
                pieces = trimmed
                finish = .stop
                stopSequence = hit
                break
            }
        }
        self.pieces = pieces
        self.finishReason = finish
        self.stopSequence = stopSequence
    }

    /// A reply whose text a script gave: cut just before the first stop sequence (finish reason
    /// `stop`), then at `maxTokens` (finish reason `length`), and split into stream pieces of a
    /// word each (with its leading space).
    public init(scripted text: String, maxTokens: Int?, stop: [String]) {
        var text = Substring(text)
        var stopSequence: String?
        let hits = stop.filter { !$0.isEmpty }.compactMap { stop in text.range(of: stop).map { (stop, $0.lowerBound) } }
        if let (hit, cut) = hits.min(by: { $0.1 < $1.1 }) {
            text = text[..<cut]
            stopSequence = hit
        }
        var pieces: [String] = []
        var current = ""
        for character in text {
            if character.isWhitespace, !current.isEmpty, !(current.last?.isWhitespace ?? false) {
                pieces.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { pieces.append(current) }
        var finish = FinishReason.stop
        if let maxTokens {
            var kept: [String] = []
            var tokens = 0
            for piece in pieces {
                let cost = TokenCounter.count(piece)
                if tokens + cost > maxTokens {
                    finish = .length
                    stopSequence = nil
                    break
                }
                tokens += cost
                kept.append(piece)
            }
            pieces = kept
        }
        self.pieces = pieces
        self.finishReason = finish
        self.stopSequence = stopSequence
    }

    public init(pieces: [String], finishReason: FinishReason) {
        self.pieces = pieces
        self.finishReason = finishReason
    }
}

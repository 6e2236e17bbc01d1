import Foundation

/// Scores documents against a query with Okapi BM25 over normalized words, then maps each score to
/// the logit-like range cross-encoder rerankers report (irrelevant documents far below zero,
/// strong matches above it). Relevance therefore follows the content: a document sharing the
/// query's rare words ranks above one sharing only common ones.
public struct RerankScorer: Sendable {
    /// BM25 term-frequency saturation.
    public var k1 = 1.2
    /// BM25 length normalization.
    public var b = 0.75
    /// The relevance score of a document sharing no word with the query.
    public var floor = -6.0
    /// How many logit units one unit of BM25 is worth.
    public var scale = 4.0

    public init() {}

    /// One relevance score per document, in document order. Each document's terms are summed in
    /// the order the query first names them, so the same request always gives the same bits.
    public func scores(query: String, documents: [String]) -> [Double] {
        let terms = QueryTerms(query)
        // counts[document * terms.count + term]: how often each document uses each query term.
        var counts = [Int](repeating: 0, count: documents.count * terms.count)
        var documentFrequency = [Int](repeating: 0, count: terms.count)
        var lengths: [Int] = []
        lengths.reserveCapacity(documents.count)
        for (document, text) in documents.enumerated() {
            let row = document * terms.count
            var length = 0
            WordTokens.forEachWordHash(in: text) { word in
                length += 1
                guard let term = terms.index(of: word) else { return }
                if counts[row + term] == 0 { documentFrequency[term] += 1 }
                counts[row + term] += 1
            }
            lengths.append(length)
        }
        let documentCount = Double(max(documents.count, 1))
        let averageLength = max(Double(lengths.reduce(0, +)) / documentCount, 1)
        let idf = documentFrequency.map { frequency in
            let containing = Double(frequency)
            return log(1 + (documentCount - containing + 0.5) / (containing + 0.5))
        }
        return lengths.enumerated().map { document, length in
            var score = 0.0
            for term in 0..<terms.count where counts[document * terms.count + term] > 0 {
                let tf = Double(counts[document * terms.count + term])
                score += idf[term] * tf * (k1 + 1) / (tf + k1 * (1 - b + b * Double(length) / averageLength))
            }
            return floor + scale * score
        }
    }
}

/// The distinct words of a query, numbered in order of first appearance, with a lookup from a
/// word's hash to its number. The hashes are FNV-1a and already well mixed, so an open-addressing
/// table over their low bits finds them without hashing again.
struct QueryTerms {
    private(set) var count = 0
    private var slots: [UInt64]
    private var numbers: [Int]
    private let mask: Int

    init(_ query: String) {
        let words = WordTokens.hashes(query)
        var capacity = 8
        while capacity < words.count * 2 { capacity *= 2 }
        slots = [UInt64](repeating: 0, count: capacity)
        numbers = [Int](repeating: -1, count: capacity)
        mask = capacity - 1
        for word in words where index(of: word) == nil {
            var slot = Int(truncatingIfNeeded: word) & mask
            while numbers[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = word
            numbers[slot] = count
            count += 1
        }
    }

    /// The number of the query word with this hash, or nil when the query does not use it.
    func index(of word: UInt64) -> Int? {
        var slot = Int(truncatingIfNeeded: word) & mask
        while numbers[slot] >= 0 {
            if slots[slot] == word { return numbers[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }
}

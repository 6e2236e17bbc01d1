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

    /// One relevance score per document, in document order.
    public func scores(query: String, documents: [String]) -> [Double] {
        var queryWords = Set<UInt64>()
        WordTokens.forEachWord(in: query) { queryWords.insert(WordTokens.hash($0)) }
        var termCounts: [[UInt64: Int]] = []
        var lengths: [Int] = []
        termCounts.reserveCapacity(documents.count)
        for document in documents {
            var counts: [UInt64: Int] = [:]
            var length = 0
            WordTokens.forEachWord(in: document) { word in
                length += 1
                let hash = WordTokens.hash(word)
                if queryWords.contains(hash) { counts[hash, default: 0] += 1 }
            }
            termCounts.append(counts)
            lengths.append(length)
        }
        let documentCount = Double(max(documents.count, 1))
        let averageLength = max(Double(lengths.reduce(0, +)) / documentCount, 1)
        var documentFrequency: [UInt64: Int] = [:]
        for counts in termCounts {
            for word in counts.keys { documentFrequency[word, default: 0] += 1 }
        }
        return zip(termCounts, lengths).map { counts, length in
            var score = 0.0
            for (word, frequency) in counts {
                let containing = Double(documentFrequency[word] ?? 0)
                let idf = log(1 + (documentCount - containing + 0.5) / (containing + 0.5))
                let tf = Double(frequency)
                score += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * Double(length) / averageLength))
            }
            return floor + scale * score
        }
    }
}

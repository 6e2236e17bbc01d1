import Foundation

/// Deterministic unit vectors for text, built by feature hashing: every word contributes a
/// pseudo-random direction of its own, so texts that share words point in similar directions and
/// similarity search behaves plausibly. The same (model, text, seed) always gives the same vector.
public struct EmbeddingGenerator: Sendable {
    public let model: String
    public let dimensions: Int
    private let modelSeed: UInt64

    public init(model: String, dimensions: Int, seed: UInt64) {
        self.model = model
        self.dimensions = dimensions
        modelSeed = SeededRandom.seed([model, String(seed)])
    }

    /// The unit vector of `text` in the model's full dimension.
    public func vector(for text: String) -> [Float] {
        var hashes = WordTokens.hashes(text)
        if hashes.isEmpty { hashes = [WordTokens.hash(ArraySlice(text.utf8))] }
        return vector(forWordHashes: hashes)
    }

    /// The unit vector of a pre-tokenized input (token ids), each id acting as a word.
    public func vector(forTokenIDs ids: [Int64]) -> [Float] {
        vector(forWordHashes: ids.map { UInt64(bitPattern: $0) &* 0x9E37_79B9_7F4A_7C15 ^ 0x5151 })
    }

    /// The normalized sum of each word's direction. A word that repeats adds its direction once,
    /// weighted by how often it occurs, so the cost grows with distinct words, not with length.
    private func vector(forWordHashes hashes: [UInt64]) -> [Float] {
        var counts: [UInt64: Int] = [:]
        var order: [UInt64] = []
        for hash in hashes {
            if counts[hash] == nil { order.append(hash) }
            counts[hash, default: 0] += 1
        }
        var sum = [Double](repeating: 0, count: dimensions)
        for hash in order {
            var random = SeededRandom(seed: hash ^ modelSeed)
            let weight = Double(counts[hash]!)
            for index in 0..<dimensions { sum[index] += weight * random.gaussian() }
        }
        return Self.normalized(sum)
    }

    /// The first `count` components renormalized to unit length: how Matryoshka models shorten.
    public static func shortened(_ vector: [Float], to count: Int) -> [Float] {
        normalized(vector.prefix(count).map(Double.init))
    }

    static func normalized(_ values: [Double]) -> [Float] {
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return values.map { _ in 0 } }
        return values.map { Float($0 / norm) }
    }
}

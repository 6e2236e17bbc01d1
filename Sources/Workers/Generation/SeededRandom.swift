import ConformDigest
import Foundation

/// A small, fast pseudo-random generator (SplitMix64) whose sequence depends only on its seed, so
/// generated text, vectors, pixels and samples are the same on every machine.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// A generator seeded by the SHA-256 of `parts`, each followed by a zero byte so that
    /// ("ab", "c") and ("a", "bc") seed differently.
    public init(deriving parts: [String]) {
        self.init(seed: Self.seed(parts))
    }

    public static func seed(_ parts: [String]) -> UInt64 {
        var hasher = SHA256()
        for part in parts {
            hasher.update(part.utf8)
            hasher.update(CollectionOfOne(0))
        }
        return hasher.finalize().prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A uniform value in `0..<bound`.
    public mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(max(bound, 1)))
    }

    /// A uniform real in [0, 1).
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal value (Box-Muller), for vectors that look like real embeddings.
    public mutating func gaussian() -> Double {
        let u1 = max(unit(), 0x1.0p-53)
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

/// Splits text into the normalized words that relevance scoring, embeddings and speech work on:
/// runs of ASCII letters and digits, lowercased, and each non-ASCII character on its own. Words
/// are handed out as their hashes, computed while the bytes are read: byte-level, no buffer and no
/// allocation per word, and the same words on every platform.
public enum WordTokens {
    /// Calls `body` with the ``hash(_:)`` of each word, lowercased, in order.
    public static func forEachWordHash(in text: String, _ body: (UInt64) -> Void) {
        var text = text
        text.withUTF8 { utf8 in
            var word = hashBasis
            var inWord = false
            var index = 0
            let count = utf8.count
            while index < count {
                let byte = utf8[index]
                if TokenCounter.isWordByte(byte) {
                    word = mix(word, byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                    inWord = true
                    index += 1
                    continue
                }
                if inWord {
                    body(word)
                    word = hashBasis
                    inWord = false
                }
                if byte >= 0xC0 {
                    var character = mix(hashBasis, byte)
                    index += 1
                    while index < count, utf8[index] & 0xC0 == 0x80 {
                        character = mix(character, utf8[index])
                        index += 1
                    }
                    body(character)
                } else {
                    index += 1
                }
            }
            if inWord { body(word) }
        }
    }

    /// A 64-bit FNV-1a hash of a word: cheap, stable across machines, good enough to key words.
    @inline(__always)
    public static func hash(_ word: ArraySlice<UInt8>) -> UInt64 {
        word.reduce(hashBasis, mix)
    }

    /// The hashes of every word of `text`, in order.
    public static func hashes(_ text: String) -> [UInt64] {
        var result: [UInt64] = []
        forEachWordHash(in: text) { result.append($0) }
        return result
    }

    private static let hashBasis: UInt64 = 0xCBF2_9CE4_8422_2325

    @inline(__always)
    private static func mix(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
}

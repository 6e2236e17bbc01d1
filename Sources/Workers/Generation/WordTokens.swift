/// Splits text into the normalized words that relevance scoring and embeddings work on: runs of
/// ASCII letters and digits, lowercased, and each non-ASCII character on its own. Byte-level, so it
/// is fast and gives the same words on every platform.
public enum WordTokens {
    /// Calls `body` with the bytes of each word, lowercased, in order; the buffer is reused.
    public static func forEachWord(in text: String, _ body: (ArraySlice<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { utf8 in
            var word: [UInt8] = []
            word.reserveCapacity(32)
            var index = 0
            let count = utf8.count
            while index < count {
                let byte = utf8[index]
                if TokenCounter.isWordByte(byte) {
                    word.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                    index += 1
                    continue
                }
                if !word.isEmpty {
                    body(word[...])
                    word.removeAll(keepingCapacity: true)
                }
                if byte >= 0xC0 {
                    var end = index + 1
                    while end < count, utf8[end] & 0xC0 == 0x80 { end += 1 }
                    body(ArraySlice(UnsafeBufferPointer(rebasing: utf8[index..<end])))
                    index = end
                } else {
                    index += 1
                }
            }
            if !word.isEmpty { body(word[...]) }
        }
    }

    /// A 64-bit FNV-1a hash of a word: cheap, stable across machines, good enough to key words.
    @inline(__always)
    public static func hash(_ word: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in word {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The hashes of every word of `text`, in order.
    public static func hashes(_ text: String) -> [UInt64] {
        var result: [UInt64] = []
        forEachWord(in: text) { result.append(hash($0)) }
        return result
    }
}

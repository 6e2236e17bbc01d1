/// The one tokenizer every endpoint counts with, so the same text costs the same tokens in chat,
/// completions, responses, embeddings, rerank and messages usage.
///
/// It works on UTF-8 bytes: each run of ASCII letters and digits costs one token per four bytes
/// (rounded up), each other printable ASCII character costs one, each non-ASCII character costs
/// one, and whitespace is free. Counts therefore add up across whitespace: the count of
/// `"a b"` is the count of `"a"` plus the count of `"b"`.
public enum TokenCounter {
    public static func count(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { count(utf8: UnsafeRawBufferPointer($0)) }
    }

    public static func count(utf8 bytes: UnsafeRawBufferPointer) -> Int {
        var tokens = 0
        var run = 0
        for byte in bytes {
            if isWordByte(byte) {
                run += 1
                continue
            }
            if run > 0 {
                tokens += (run + 3) / 4
                run = 0
            }
            if byte < 0x80 {
                if byte > 0x20 && byte < 0x7F { tokens += 1 }
            } else if byte & 0xC0 != 0x80 {
                tokens += 1
            }
        }
        if run > 0 { tokens += (run + 3) / 4 }
        return tokens
    }

    /// Counts the tokens of several texts as if they were separated by whitespace.
    public static func count(_ texts: some Sequence<String>) -> Int {
        texts.reduce(0) { $0 + count($1) }
    }

    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }
}

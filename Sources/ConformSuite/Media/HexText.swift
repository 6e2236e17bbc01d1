/// Bytes written as hexadecimal for failure messages.
enum HexText {
    /// `89 50 4e 47`: two lowercase digits a byte, space-separated.
    static func bytes(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined(separator: " ")
    }

    /// `0x0a1b2c3d`: a 32-bit word with eight digits.
    static func word(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// The first bytes of a file: as text when printable, as hex otherwise.
    static func signature(_ bytes: [UInt8]) -> String {
        let head = bytes.prefix(8)
        let printable = head.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        return printable ? "'\(String(decoding: head, as: UTF8.self))'" : Self.bytes(head)
    }
}

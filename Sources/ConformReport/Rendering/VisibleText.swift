/// Text made safe to put in any report file without losing what it said: control characters
/// (other than tab, line feed and carriage return) and Unicode noncharacters, which XML forbids
/// and terminals and browsers hide, are written out as `\u{…}` escapes.
enum VisibleText {
    static func make(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The text made visible, then with each scalar for which `replacement` returns a string
    /// replaced by it: the one loop every format's escaping shares.
    static func escaping(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in make(text).unicodeScalars {
            if let replaced = replacement(scalar) {
                result += replaced
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// True for everything XML 1.0's `Char` production excludes, plus DEL and the C1 controls,
    /// which XML allows but no reader wants to see raw.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00..<0x20, 0x7F..<0xA0: true
        case 0xFFFE, 0xFFFF: true
        default: false
        }
    }
}

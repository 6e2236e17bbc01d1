/// A regular expression in ECMA-262 syntax, as JSON Schema's `pattern` and `patternProperties` are
/// written, translated to Swift Regex and matched anywhere in a string (patterns are not anchored).
///
/// The translation keeps ECMA-262 meanings where Swift's differ: `\d`, `\w` and `\b` are ASCII,
/// `\s` is ECMA-262's whitespace set, `.` stops only at line terminators, `[` inside a class is
/// literal, `[]` and `[^]` are allowed, and matching is per Unicode code point, as with the `u` flag.
struct ECMAPattern: @unchecked Sendable {
    // Regex is not declared Sendable, but it is an immutable value whose compiled program is
    // created once behind an atomic compare-and-exchange, so sharing one across tasks is safe.
    private let regex: Regex<AnyRegexOutput>
    let source: String

    init(_ source: String) throws(ECMAPatternError) {
        self.source = source
        var translator = ECMAPatternTranslator(source)
        let translated = try translator.translate()
        do {
            regex = try Regex(translated)
                .matchingSemantics(.unicodeScalar)
                .wordBoundaryKind(.simple)
                .asciiOnlyWordCharacters()
        } catch {
            throw ECMAPatternError(reason: "\(error)")
        }
    }

    func matches(_ text: String) -> Bool {
        (try? regex.firstMatch(in: text)) != nil
    }
}

/// Why a pattern cannot be used: ECMA-262 syntax Swift Regex cannot express, or a syntax error.
struct ECMAPatternError: Error, Sendable {
    var reason: String
}

/// Rewrites ECMA-262 pattern syntax into the equivalent Swift Regex syntax, one code point at a time.
struct ECMAPatternTranslator {
    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var output = ""
    private var inClass = false

    /// ECMA-262 WhiteSpace and LineTerminator: what `\s` matches there.
    /// U+2000 to U+200A are listed one by one: Swift Regex rejects a range whose bounds have a
    /// canonical decomposition, as U+2000 and U+2001 do.
    private static let whitespace =
        #"\t\n\u{0B}\f\r \u{A0}\u{1680}\u{2000}\u{2001}\u{2002}\u{2003}\u{2004}\u{2005}\u{2006}\u{2007}\u{2008}\u{2009}"#
        + #"\u{200A}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}\u{FEFF}"#
    private static let digits = "0-9"
    private static let wordCharacters = "A-Za-z0-9_"

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    mutating func translate() throws(ECMAPatternError) -> String {
        while let scalar = next() {
            if inClass {
                try translateInClass(scalar)
            } else {
                try translateOutsideClass(scalar)
            }
        }
        if inClass { throw ECMAPatternError(reason: "unterminated character class") }
        return output
    }

    private mutating func translateOutsideClass(_ scalar: Unicode.Scalar) throws(ECMAPatternError) {
        switch scalar {
        case "\\":
            try translateEscape(inClass: false)
        case ".":
            output += #"[^\n\r\u{2028}\u{2029}]"#
        case "[":
            if peek() == "]" {
                position += 1
                output += "(?!)"
            } else if peek() == "^", peek(1) == "]" {
                position += 2
                output += #"[\u{0}-\u{10FFFF}]"#
            } else {
                inClass = true
                output += "["
                if peek() == "^" {
                    position += 1
                    output += "^"
                }
            }
        case "{":
            output += startsQuantifier() ? "{" : #"\{"#
        case "(":
            if peek() == "?", peek(1) == "<", peek(2) == "=" || peek(2) == "!" {
                throw ECMAPatternError(reason: "lookbehind assertions are not supported")
            }
            output.unicodeScalars.append(scalar)
        default:
            output.unicodeScalars.append(scalar)
        }
    }

    private mutating func translateInClass(_ scalar: Unicode.Scalar) throws(ECMAPatternError) {
        switch scalar {
        case "]":
            inClass = false
            output += "]"
        case "\\":
            try translateEscape(inClass: true)
        case "[":
            output += #"\["#
        case "&", "-", "~":
            // Swift reads doubled `&&`, `--` and `~~` as set operations; ECMA-262 reads characters.
            output.unicodeScalars.append(scalar)
            if peek() == scalar {
                position += 1
                output += "\\" + String(scalar)
            }
        default:
            output.unicodeScalars.append(scalar)
        }
    }

    private mutating func translateEscape(inClass: Bool) throws(ECMAPatternError) {
        guard let escaped = next() else { throw ECMAPatternError(reason: "pattern ends with a lone backslash") }
        switch escaped {
        case "d": output += inClass ? Self.digits : "[\(Self.digits)]"
        case "D": output += "[^\(Self.digits)]"
        case "w": output += inClass ? Self.wordCharacters : "[\(Self.wordCharacters)]"
        case "W": output += "[^\(Self.wordCharacters)]"
        case "s": output += inClass ? Self.whitespace : "[\(Self.whitespace)]"
        case "S": output += "[^\(Self.whitespace)]"
        case "b": output += inClass ? #"\u{08}"# : #"\b"#
        case "B": output += #"\B"#
        case "v": output += #"\u{0B}"#
        case "n", "r", "t", "f": output += "\\" + String(escaped)
        case "0" where !(peek().map(Self.isDigit) ?? false): output += #"\u{0}"#
        case "c":
            guard let letter = peek(), ("a"..."z").contains(letter) || ("A"..."Z").contains(letter) else {
                output += #"\\c"#
                return
            }
            position += 1
            output += "\\u{\(String(letter.value % 32, radix: 16))}"
        case "u":
            try translateUnicodeEscape()
        case "x", "p", "P":
            // Keep a braced argument (`\p{Letter}`, `\x{41}`) whole, or its brace would be escaped.
            output += "\\" + String(escaped)
            copyBracedArgument()
        case "k":
            output += "\\k"
        case _ where Self.isDigit(escaped):
            output += "\\" + String(escaped)
        case _ where escaped.properties.isAlphabetic && escaped.isASCII:
            // An identity escape of a letter: a letter in ECMA-262, often an operator in Swift.
            output.unicodeScalars.append(escaped)
        default:
            output += "\\"
            output.unicodeScalars.append(escaped)
        }
    }

    /// `\uHHHH` (joining a surrogate pair into one code point) or `\u{H...}`.
    private mutating func translateUnicodeEscape() throws(ECMAPatternError) {
        if peek() == "{" {
            output += #"\u"#
            copyBracedArgument()
            return
        }
        guard let high = hexQuad() else {
            throw ECMAPatternError(reason: #"\u must be followed by four hexadecimal digits"#)
        }
        var value = high
        if (0xD800...0xDBFF).contains(high), peek() == "\\", peek(1) == "u" {
            let saved = position
            position += 2
            if let low = hexQuad(), (0xDC00...0xDFFF).contains(low) {
                value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            } else {
                position = saved
            }
        }
        output += "\\u{\(String(value, radix: 16))}"
    }

    private mutating func hexQuad() -> UInt32? {
        guard position + 4 <= scalars.count else { return nil }
        var value: UInt32 = 0
        for scalar in scalars[position..<position + 4] {
            guard let digit = UInt32(String(scalar), radix: 16) else { return nil }
            value = value << 4 | digit
        }
        position += 4
        return value
    }

    /// Copies `{...}` verbatim when it comes next.
    private mutating func copyBracedArgument() {
        guard peek() == "{", let close = scalars[position...].firstIndex(of: "}") else { return }
        for scalar in scalars[position...close] { output.unicodeScalars.append(scalar) }
        position = close + 1
    }

    /// Whether the `{` just read opens `{n}`, `{n,}` or `{n,m}`; elsewhere ECMA-262 reads it literally.
    private func startsQuantifier() -> Bool {
        var index = position
        var sawDigit = false
        while index < scalars.count, Self.isDigit(scalars[index]) {
            index += 1
            sawDigit = true
        }
        guard sawDigit, index < scalars.count else { return false }
        if scalars[index] == "}" { return true }
        guard scalars[index] == "," else { return false }
        index += 1
        while index < scalars.count, Self.isDigit(scalars[index]) { index += 1 }
        return index < scalars.count && scalars[index] == "}"
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    private mutating func next() -> Unicode.Scalar? {
        guard position < scalars.count else { return nil }
        defer { position += 1 }
        return scalars[position]
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }
}

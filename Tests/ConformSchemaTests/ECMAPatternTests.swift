import Testing

@testable import ConformSchema

/// Patterns mean what ECMA-262 says they mean, where Swift Regex would read them differently.
@Suite struct ECMAPatternTests {
    private func matches(_ pattern: String, _ text: String) throws -> Bool {
        try ECMAPattern(pattern).matches(text)
    }

    @Test func patternsAreNotAnchored() throws {
        #expect(try matches("b+", "abbbc"))
        #expect(try !matches("^b+$", "abbbc"))
        #expect(try !matches("^abc$", "abc\n"))
    }

    @Test func digitAndWordClassesAreASCII() throws {
        #expect(try matches(#"^\d+$"#, "0123456789"))
        #expect(try !matches(#"^\d$"#, "\u{0663}"))
        #expect(try matches(#"^\D$"#, "\u{0663}"))
        #expect(try !matches(#"^\w$"#, "é"))
        #expect(try matches(#"^[\w-]+$"#, "ab_9-x"))
        #expect(try matches(#"^[^\d]$"#, "a"))
        #expect(try matches(#"\bfoo\b"#, "a foo!"))
        #expect(try !matches(#"\bfoo\b"#, "afoo"))
    }

    @Test func whitespaceIsECMAScriptWhitespace() throws {
        for space in ["\u{FEFF}", "\u{A0}", "\u{2003}", "\u{2028}", "\t", "\u{0B}"] {
            #expect(try matches(#"^\s$"#, space), "\(space.unicodeScalars.first!.value)")
            #expect(try !matches(#"^\S$"#, space))
        }
        #expect(try !matches(#"^\s$"#, "\u{1B}"))
        #expect(try matches(#"^[\s\d]+$"#, "1 2"))
    }

    @Test func dotStopsOnlyAtLineTerminatorsAndMatchesWholeCodePoints() throws {
        #expect(try matches("^.$", "🐲"))
        #expect(try matches("^.$", "\u{0B}"))
        #expect(try !matches("^.$", "\n"))
        #expect(try !matches("^.$", "\u{2029}"))
        #expect(try matches("^..$", "e\u{301}"))
    }

    @Test func classesTreatBracketsAndDoubledOperatorsLiterally() throws {
        #expect(try matches("^[[]$", "["))
        #expect(try matches("^[a&&b]+$", "a&b"))
        #expect(try matches("^[+--]$", ","))
        #expect(try !matches("[]", "a"))
        #expect(try matches("^[^]$", "x"))
        #expect(try matches(#"^[\b]$"#, "\u{08}"))
    }

    @Test func escapesKeepTheirECMAScriptMeaning() throws {
        #expect(try matches(#"^\p{Letter}+$"#, "héllo"))
        #expect(try !matches(#"^\p{L}+$"#, "h3"))
        #expect(try matches(#"^\u00e9$"#, "é"))
        #expect(try matches(#"^\ud83d\udc32$"#, "🐲"))
        #expect(try matches(#"^\u{1F432}$"#, "🐲"))
        #expect(try matches(#"^\cJ$"#, "\n"))
        #expect(try matches(#"^\v$"#, "\u{0B}"))
        #expect(try matches(#"^\e$"#, "e"))
        #expect(try matches(#"^\/$"#, "/"))
        #expect(try matches(#"^(?<x>a)\k<x>$"#, "aa"))
    }

    @Test func aBraceThatDoesNotStartAQuantifierIsLiteral() throws {
        #expect(try matches("^a{,2}$", "a{,2}"))
        #expect(try matches("^a{2}$", "aa"))
        #expect(try matches("^{}$", "{}"))
    }

    @Test func unsupportedAndInvalidPatternsAreErrorsWithAReason() {
        #expect(throws: ECMAPatternError.self) { try ECMAPattern("(?<=a)b") }
        #expect(throws: ECMAPatternError.self) { try ECMAPattern("(unclosed") }
        #expect(throws: ECMAPatternError.self) { try ECMAPattern("[a-") }
        #expect(throws: ECMAPatternError.self) { try ECMAPattern(#"trailing\"#) }
    }
}

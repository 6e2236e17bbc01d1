import ConformJSON
import Testing

@Suite struct JSONEqualityTests {
    @Test func numbersCompareByValue() {
        #expect(JSON.integer(1).isNumericallyEqual(to: .number(1.0)))
        #expect(JSON.array([1, 2.0]).isNumericallyEqual(to: [1.0, 2]))
        #expect(!JSON.integer(1).isNumericallyEqual(to: .number(1.5)))
    }

    @Test func stringsCompareByCodePointNotByCanonicalEquivalence() {
        let precomposed = JSON.string("\u{E9}")
        let decomposed = JSON.string("e\u{301}")
        #expect(!precomposed.isNumericallyEqual(to: decomposed))
        #expect(JSON.array([precomposed]).isNumericallyEqual(to: [.string("\u{E9}")]))
        #expect(!JSON.array([precomposed]).isNumericallyEqual(to: [decomposed]))
    }
}

import Testing

@testable import ConformSchema

@Suite struct SchemaNumberTests {
    @Test func integersAndRealsCompareExactly() {
        #expect(SchemaNumber.integer(1) == .real(1.0))
        #expect(SchemaNumber.integer(9_007_199_254_740_993) > .real(9_007_199_254_740_992.0))
        #expect(SchemaNumber.integer(Int64.max) < .real(9_223_372_036_854_775_808.0))
        #expect(SchemaNumber.integer(Int64.min) == .real(-9_223_372_036_854_775_808.0))
        #expect(SchemaNumber.integer(-1) < .real(-0.5))
        #expect(SchemaNumber.real(2.5) > .integer(2))
        #expect(!(SchemaNumber.real(2.5) < .integer(2)))
    }

    @Test func multiplesAreDecidedOnDecimalValues() {
        #expect(SchemaNumber.real(0.0075).isMultiple(of: .real(0.0001)))
        #expect(!SchemaNumber.real(0.00751).isMultiple(of: .real(0.0001)))
        #expect(SchemaNumber.real(0.3).isMultiple(of: .real(0.1)))
        #expect(SchemaNumber.real(4.5).isMultiple(of: .real(1.5)))
        #expect(!SchemaNumber.integer(35).isMultiple(of: .real(1.5)))
        #expect(SchemaNumber.integer(10).isMultiple(of: .integer(-5)))
        #expect(SchemaNumber.integer(Int64.min).isMultiple(of: .integer(-1)))
        #expect(SchemaNumber.real(1e308).isMultiple(of: .real(0.5)))
        #expect(!SchemaNumber.real(1e308).isMultiple(of: .real(0.123456789)))
        #expect(!SchemaNumber.real(1e-300).isMultiple(of: .integer(3)))
        #expect(SchemaNumber.integer(0).isMultiple(of: .real(0.7)))
    }
}

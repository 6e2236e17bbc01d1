import ConformJSON

/// A JSON number as the numeric keywords see it: compared and divided exactly, so an `Int64` is
/// never rounded through `Double` and `0.0075` is a multiple of `0.0001`.
enum SchemaNumber: Sendable, Comparable, CustomStringConvertible {
    case integer(Int64)
    case real(Double)

    init?(_ value: JSON) {
        switch value {
        case .integer(let integer): self = .integer(integer)
        case .number(let real): self = .real(real)
        default: return nil
        }
    }

    var json: JSON {
        switch self {
        case .integer(let integer): .integer(integer)
        case .real(let real): .number(real)
        }
    }

    var description: String { json.serializedString() }

    static func == (lhs: SchemaNumber, rhs: SchemaNumber) -> Bool {
        compare(lhs, rhs) == 0
    }

    static func < (lhs: SchemaNumber, rhs: SchemaNumber) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// -1, 0 or 1 as `lhs` is below, equal to or above `rhs`.
    private static func compare(_ lhs: SchemaNumber, _ rhs: SchemaNumber) -> Int {
        switch (lhs, rhs) {
        case (.integer(let a), .integer(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.real(let a), .real(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.integer(let a), .real(let b)): return compare(a, b)
        case (.real(let a), .integer(let b)): return -compare(b, a)
        }
    }

    private static func compare(_ integer: Int64, _ real: Double) -> Int {
        // 2^63 is exactly representable; every Double at or beyond it exceeds any Int64.
        if real >= 9_223_372_036_854_775_808.0 { return -1 }
        if real < -9_223_372_036_854_775_808.0 { return 1 }
        let floor = real.rounded(.down)
        let whole = Int64(floor)
        if integer != whole { return integer < whole ? -1 : 1 }
        return real > floor ? -1 : 0
    }

    /// Whether `self` divided by `divisor` is an integer, computed on the decimal values as written
    /// (the shortest decimal that reads back as each `Double`), never with a floating-point quotient.
    func isMultiple(of divisor: SchemaNumber) -> Bool {
        if case .integer(let a) = self, case .integer(let b) = divisor {
            return b != 0 && a.magnitude % b.magnitude == 0
        }
        let dividend = DecimalValue(self)
        let divisor = DecimalValue(divisor)
        guard divisor.significand != 0 else { return false }
        if dividend.significand == 0 { return true }
        let modulus = UInt128(divisor.significand)
        if dividend.exponent >= divisor.exponent {
            // significandA * 10^k must be divisible by significandB.
            var remainder = UInt128(dividend.significand) % modulus
            for _ in 0..<(dividend.exponent - divisor.exponent) where remainder != 0 {
                remainder = remainder * 10 % modulus
            }
            return remainder == 0
        }
        // significandA must be divisible by significandB * 10^k, which soon exceeds it.
        var scaled = modulus
        for _ in 0..<(divisor.exponent - dividend.exponent) {
            scaled *= 10
            if scaled > UInt128(dividend.significand) { return false }
        }
        return UInt128(dividend.significand) % scaled == 0
    }
}

/// A number as `significand × 10^exponent`, sign dropped (divisibility does not depend on it).
private struct DecimalValue {
    var significand: UInt64
    var exponent: Int

    init(_ number: SchemaNumber) {
        switch number {
        case .integer(let integer):
            significand = integer.magnitude
            exponent = 0
        case .real(let real):
            significand = 0
            exponent = 0
            var fractionDigits = 0
            var inFraction = false
            let text = real.magnitude.description
            let parts = text.split(separator: "e", maxSplits: 1)
            for character in parts[0] {
                if character == "." {
                    inFraction = true
                } else if let digit = character.wholeNumberValue {
                    significand = significand * 10 + UInt64(digit)
                    if inFraction { fractionDigits += 1 }
                }
            }
            exponent = (parts.count == 2 ? Int(parts[1]) ?? 0 : 0) - fractionDigits
        }
        while significand != 0 && significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
    }
}

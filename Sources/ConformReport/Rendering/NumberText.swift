/// Numbers as the report formats print them, independent of the machine's locale.
enum NumberText {
    /// `1234567` as `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// Milliseconds as seconds with exactly three decimals, `1234.4` as `1.234`: the form JUnit's
    /// `time` attribute takes. Negative and non-finite durations, which no clock gives, read as zero.
    static func seconds(fromMilliseconds milliseconds: Double) -> String {
        let whole = milliseconds.isFinite && milliseconds > 0 ? Int(milliseconds.rounded()) : 0
        let fraction = String(whole % 1000)
        return "\(whole / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// A duration for people: `850 ms`, `12.3 s`, `4 min 05 s`.
    static func duration(milliseconds: Double) -> String {
        guard milliseconds.isFinite, milliseconds >= 0 else { return "–" }
        if milliseconds < 1 { return "<1 ms" }
        if milliseconds < 10 {
            let tenths = Int((milliseconds * 10).rounded())
            return "\(tenths / 10).\(tenths % 10) ms"
        }
        if milliseconds < 1000 { return "\(Int(milliseconds.rounded())) ms" }
        let tenths = Int((milliseconds / 100).rounded())
        if tenths < 600 { return "\(tenths / 10).\(tenths % 10) s" }
        let seconds = Int((milliseconds / 1000).rounded())
        let remainder = seconds % 60
        return "\(seconds / 60) min \(remainder < 10 ? "0" : "")\(remainder) s"
    }
}

/// Which part of the JSON-Schema-Test-Suite a file belongs to: the required cases every
/// implementation must pass, the optional ones, and the optional `format` assertions.
public enum SuiteSection: String, Sendable, CaseIterable {
    case required
    case optional
    case formatAssertion = "optional/format"
}

/// One test case of the suite that did not give the expected verdict.
public struct SuiteFailure: Sendable {
    public var group: String
    public var test: String
    public var detail: String
}

/// The outcome of one test file: how many of its cases passed, and the ones that did not.
public struct SuiteFileResult: Sendable {
    /// The path relative to the suite's draft directory, e.g. `optional/bignum.json`.
    public var file: String
    public var section: SuiteSection
    public var passed: Int
    public var total: Int
    public var failures: [SuiteFailure]
    /// Why the file itself could not be run, when it could not.
    public var error: String?
}

/// The outcome of a whole run, per file and per section.
public struct SuiteReport: Sendable {
    public var files: [SuiteFileResult]

    public func passed(in section: SuiteSection) -> Int {
        files.filter { $0.section == section }.reduce(0) { $0 + $1.passed }
    }

    public func total(in section: SuiteSection) -> Int {
        files.filter { $0.section == section }.reduce(0) { $0 + $1.total }
    }

    /// The share of cases passed in `section`, from 0 to 1; 0 when the section has no cases.
    public func passRate(in section: SuiteSection) -> Double {
        let total = total(in: section)
        return total == 0 ? 0 : Double(passed(in: section)) / Double(total)
    }
}

import ConformContract

/// Renders a run as JUnit XML in the shape Jenkins, GitLab and other CI servers read: one
/// `<testsuite>` per endpoint and one `<testcase>` per case (classname = endpoint, name = case id).
///
/// It counts as the exit code does: a case that counts against the run at `--fail-on` (a failure,
/// or an absent endpoint) carries one `<failure>` naming its failing checks with their levels,
/// the messages, expected and actual values, the exchange and the `curl` reproduction in its text.
/// A failure the run does not count (a should-level failure under `--fail-on must`) is a passing
/// test case with the details in `<system-out>`, so CI test views stay green on a green run; one
/// the baseline accepts is `<skipped>` with the details in `<system-out>`. A case that could not
/// run carries `<error>`. A run that ended before any case could (an unreachable target) is
/// reported as one `conform` suite holding a `run` case with that error.
public struct JUnitRenderer: Sendable {
    /// The longest `message` attribute written; the element text carries everything.
    public var maximumMessageBytes = 1_000
    /// How much of each expected/actual value and body is quoted in the element text.
    public var maximumValueBytes = 8_192

    public init() {}

    public func render(_ report: RunReport) -> String {
        let totals = ReportTotals(report)
        var suites: [Suite] = totals.endpoints.map { endpoint in
            Suite(name: endpoint, cases: report.cases.filter { $0.endpoint == endpoint })
        }
        let runProblem = report.outcome.status == .error || report.outcome.status == .interrupted
        if runProblem {
            suites.append(Suite(name: "conform", cases: [], runProblem: report.outcome))
        }
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        output += "<testsuites name=\"\(XMLText.attribute("conform " + report.target.baseURL))\""
        output += " tests=\"\(suites.map(\.tests).reduce(0, +))\""
        output += " failures=\"\(suites.map(\.failures).reduce(0, +))\""
        output += " errors=\"\(suites.map(\.errors).reduce(0, +))\""
        let milliseconds = report.durationMilliseconds
        output += " time=\"\(NumberText.seconds(fromMilliseconds: milliseconds))\">\n"
        for suite in suites { output += render(suite, of: report) }
        output += "</testsuites>\n"
        return output
    }

    /// One endpoint's cases and the counts its `<testsuite>` element declares.
    private struct Suite {
        var name: String
        var cases: [CaseReport]
        var runProblem: RunOutcome?

        var tests: Int { cases.count + (runProblem == nil ? 0 : 1) }
        var failures: Int { cases.count { $0.outcome == .fail || $0.outcome == .unsupported } }
        var errors: Int { cases.count { $0.outcome == .error } + (runProblem == nil ? 0 : 1) }
        var skipped: Int { cases.count { $0.outcome == .skip || $0.outcome == .baselined } }
        var milliseconds: Double { cases.map(\.durationMilliseconds).reduce(0, +) }
    }

    private func render(_ suite: Suite, of report: RunReport) -> String {
        var output = "  <testsuite name=\"\(XMLText.attribute(suite.name))\""
        output +=
            " tests=\"\(suite.tests)\" failures=\"\(suite.failures)\" errors=\"\(suite.errors)\" skipped=\"\(suite.skipped)\""
        output += " time=\"\(NumberText.seconds(fromMilliseconds: suite.milliseconds))\""
        if let timestamp = Self.timestamp(report.startedAt) { output += " timestamp=\"\(timestamp)\"" }
        output += " hostname=\"\(XMLText.attribute(report.targetHost))\" package=\"conform\">\n"
        output += "    <properties>\n"
        for (name, value) in [
            ("conform.target", report.target.baseURL), ("conform.suiteVersion", report.suiteVersion),
            ("conform.fixtureDigest", report.fixtureDigest), ("conform.level", report.options.level.rawValue),
            ("conform.failOn", report.options.failOn.rawValue), ("conform.outcome", report.outcome.status.rawValue),
        ] {
            output += "      <property name=\"\(name)\" value=\"\(XMLText.attribute(value))\"/>\n"
        }
        output += "    </properties>\n"
        for item in suite.cases { output += render(item) }
        if let problem = suite.runProblem {
            let message = problem.message ?? "the run ended with status \(problem.status.rawValue)"
            output += "    <testcase name=\"run\" classname=\"conform\" time=\"0.000\">\n"
            output += "      <error message=\"\(attributeMessage(message))\" type=\"\(problem.status.rawValue)\">"
            output += XMLText.content(message) + "</error>\n"
            output += "    </testcase>\n"
        }
        output += "  </testsuite>\n"
        return output
    }

    private func render(_ item: CaseReport) -> String {
        var output = "    <testcase name=\"\(XMLText.attribute(item.id))\" classname=\"\(XMLText.attribute(item.endpoint))\""
        output += " time=\"\(NumberText.seconds(fromMilliseconds: item.durationMilliseconds))\""
        let details = XMLText.content(PlainCaseText(item, maximumValueBytes: maximumValueBytes).text)
        switch item.outcome {
        case .pass:
            return output + "/>\n"
        case .fail, .unsupported:
            let failing = item.findings.filter { [.fail, .unsupported].contains(item.outcome(of: $0)) }.map(\.name)
            output += ">\n      <failure message=\"\(attributeMessage(item.failureLevelText + ": " + item.findingsLine))\""
            output += " type=\"\(XMLText.attribute(failing.isEmpty ? item.verdict.rawValue : failing.joined(separator: ",")))\">\(details)</failure>\n"
        case .uncounted:
            output += ">\n      <system-out>\(XMLText.content("[\(item.failureLevelText)-level failure, not counted at --fail-on]\n"))\(details)</system-out>\n"
        case .error:
            output += ">\n      <error message=\"\(attributeMessage(item.findingsLine))\" type=\"error\">\(details)</error>\n"
        case .baselined:
            output += ">\n      <skipped message=\"\(attributeMessage("accepted failure (baseline): " + item.findingsLine))\"/>\n"
            output += "      <system-out>\(details)</system-out>\n"
        case .skip:
            output += ">\n      <skipped message=\"\(attributeMessage(item.reason ?? "skipped"))\"/>\n"
        }
        return output + "    </testcase>\n"
    }

    private func attributeMessage(_ text: String) -> String {
        let preview = TextPreview(text, maximumBytes: maximumMessageBytes)
        return XMLText.attribute(preview.isTruncated ? preview.text + " …" : preview.text)
    }

    /// JUnit's timestamp is an ISO 8601 local date-time without zone or fraction; reports record
    /// UTC, so the `Z` and any fraction are dropped. Nil when the text is not of that shape.
    static func timestamp(_ text: String) -> String? {
        let characters = Array(text.utf8.prefix(19))
        guard characters.count == 19 else { return nil }
        for (index, byte) in characters.enumerated() {
            let valid: Bool
            switch index {
            case 4, 7: valid = byte == UInt8(ascii: "-")
            case 10: valid = byte == UInt8(ascii: "T")
            case 13, 16: valid = byte == UInt8(ascii: ":")
            default: valid = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            }
            if !valid { return nil }
        }
        return String(decoding: characters, as: UTF8.self)
    }
}

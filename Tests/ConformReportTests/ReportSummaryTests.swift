import ConformContract
import ConformReport
import ConformTestSupport
import Testing

@Suite struct ReportSummaryTests {
    @Test func theHeadlineSaysHowTheRunEndedAndWhatItRestsOn() {
        let failed = ReportHeadline(SampleReports.mixed())
        #expect(failed.title == "FAILED")
        #expect(failed.detail == "2 passed, 1 failed (1 must), 1 accepted by the baseline, 1 could not run, 1 skipped of 6 cases")

        var belowFailOn = SampleReports.mixed()
        belowFailOn.outcome = RunOutcome(status: .passed, exitCode: 0)
        belowFailOn.cases = [SampleReports.passingCase()]
        var shouldFailure = SampleReports.failingCase()
        shouldFailure.level = .should
        belowFailOn.cases.append(shouldFailure)
        let passed = ReportHeadline(belowFailOn)
        #expect(passed.title == "PASSED")
        #expect(passed.detail == "1 passed, 1 failed (1 should) of 2 cases")

        var interrupted = SampleReports.mixed()
        interrupted.outcome = RunOutcome(status: .interrupted, exitCode: 130, message: "interrupted by SIGINT")
        interrupted.cases = [SampleReports.passingCase()]
        #expect(ReportHeadline(interrupted).title == "INTERRUPTED")
        #expect(ReportHeadline(interrupted).detail == "interrupted by SIGINT. 1 passed of 1 case")

        let unreachable = ReportHeadline(SampleReports.unreachable())
        #expect(unreachable.title == "COULD NOT RUN")
        #expect(unreachable.detail == "cannot connect to http://127.0.0.1:9: connection refused")
    }

    @Test func totalsCountAcceptedFailuresApartFromFailures() {
        let totals = ReportTotals(SampleReports.mixed())
        #expect(totals.all == VerdictTally(passed: 2, failed: 1, baselined: 1, skipped: 1, errors: 1))
        #expect(totals.endpoints == ["rerank", "chat", "speech"])
        #expect(totals.tally(forEndpoint: "chat") == VerdictTally(passed: 1, failed: 0, baselined: 1, skipped: 0, errors: 1))
        #expect(totals.tally(forEndpoint: "absent") == VerdictTally())
    }

    @Test func aCellShowsItsWorstResult() {
        #expect(VerdictTally(passed: 5, failed: 1, baselined: 1, skipped: 1, errors: 1).dominantOutcome == .fail)
        #expect(VerdictTally(passed: 5, failed: 0, baselined: 1, skipped: 1, errors: 1).dominantOutcome == .error)
        #expect(VerdictTally(passed: 5, failed: 0, baselined: 1, skipped: 1, errors: 0).dominantOutcome == .baselined)
        #expect(VerdictTally(passed: 1, failed: 0, baselined: 0, skipped: 9, errors: 0).dominantOutcome == .pass)
        #expect(VerdictTally(passed: 0, failed: 0, baselined: 0, skipped: 2, errors: 0).dominantOutcome == .skip)
        #expect(VerdictTally().dominantOutcome == nil)
    }

    @Test func theMatrixKeepsFirstSeenOrderAndLeavesUnrunCellsEmpty() {
        let matrix = CheckMatrix(SampleReports.mixed())
        #expect(matrix.endpoints == ["rerank", "chat", "speech"])
        #expect(
            matrix.checks == [
                "status", "schema", "rerank.top-n", "rerank.sorted-desc", "json", "error.openai-envelope",
                "stream.openai-grammar",
            ])
        #expect(
            matrix.tally(endpoint: "rerank", check: "status")
                == VerdictTally(passed: 2, failed: 0, baselined: 0, skipped: 0, errors: 0))
        #expect(matrix.tally(endpoint: "chat", check: "error.openai-envelope")?.dominantOutcome == .baselined)
        #expect(matrix.tally(endpoint: "speech", check: "status") == nil)
    }

    @Test func wallTimeAndHostComeFromTheRecordedValues() {
        #expect(SampleReports.mixed().wallMilliseconds == 31_500)
        var report = SampleReports.mixed()
        report.finishedAt = "not a time"
        #expect(report.wallMilliseconds == nil)
        #expect(report.targetHost == "127.0.0.1")
    }

    @Test func theDirectoryNameIsTheStartTimeAndTheHost() {
        #expect(SampleReports.mixed().directoryName == "20261121T231111Z-127.0.0.1")
        var report = SampleReports.mixed()
        report.startedAt = "2026-11-21T23:11:11.250Z"
        report.target.baseURL = "https://[::1]:8443/gateway"
        #expect(report.directoryName == "20261121T231111Z---1")
        report.target.baseURL = "http://gpustack.example.com/v1"
        #expect(report.directoryName == "20261121T231111Z-gpustack.example.com")
        report.target.baseURL = "not a url/../x"
        #expect(report.directoryName == "20261121T231111Z-not-a-url-..-x")
    }
}

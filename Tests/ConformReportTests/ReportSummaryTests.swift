import ConformContract
import ConformReport
import ConformTestSupport
import Testing

@Suite struct ReportSummaryTests {
    @Test func theHeadlineCountsAsTheExitCodeDoes() {
        let failed = ReportHeadline(SampleReports.mixed())
        #expect(failed.title == "FAILED")
        #expect(
            failed.detail
                == "1 failure counts at --fail-on must (1 must), 1 failure not counted at --fail-on must, 2 passed, 1 accepted by the baseline, 1 could not run, 1 skipped (unmapped: model.speech in 1 case, map it with --model speech=NAME) of 7 cases"
        )

        var belowFailOn = SampleReports.mixed()
        belowFailOn.outcome = RunOutcome(status: .passed, exitCode: 0)
        belowFailOn.cases = [SampleReports.passingCase(), SampleReports.uncountedCase()]
        let passed = ReportHeadline(belowFailOn)
        #expect(passed.title == "PASSED")
        #expect(passed.detail == "1 failure not counted at --fail-on must, 1 passed of 2 cases")

        var interrupted = SampleReports.mixed()
        interrupted.outcome = RunOutcome(status: .interrupted, exitCode: 130, message: "interrupted by SIGINT")
        interrupted.cases = [SampleReports.passingCase()]
        #expect(ReportHeadline(interrupted).title == "INTERRUPTED")
        #expect(ReportHeadline(interrupted).detail == "interrupted by SIGINT. 1 passed of 1 case")

        let unreachable = ReportHeadline(SampleReports.unreachable())
        #expect(unreachable.title == "COULD NOT RUN")
        #expect(unreachable.detail == "cannot connect to http://127.0.0.1:9: connection refused")
    }

    @Test func totalsPutEachCaseInOneColumn() {
        let totals = ReportTotals(SampleReports.mixed())
        #expect(totals.all.passed == 2 && totals.all.failed == 1 && totals.all.failedMust == 1 && totals.all.uncounted == 1)
        #expect(totals.all.baselined == 1 && totals.all.skipped == 1 && totals.all.errors == 1 && totals.all.total == 7)
        #expect(totals.endpoints == ["rerank", "chat", "speech"])
        let chat = totals.tally(forEndpoint: "chat")
        #expect(chat.passed == 1 && chat.baselined == 1 && chat.errors == 1 && chat.uncounted == 1 && chat.failed == 0)
        #expect(totals.tally(forEndpoint: "absent") == VerdictTally())
    }

    @Test func aCellShowsItsWorstResult() {
        func tally(_ outcomes: [CellOutcome]) -> VerdictTally {
            var tally = VerdictTally()
            for outcome in outcomes { tally.add(outcome, level: .must) }
            return tally
        }
        #expect(tally([.pass, .fail, .baselined, .skip, .error]).dominantOutcome == .fail)
        #expect(tally([.pass, .unsupported]).dominantOutcome == .unsupported)
        #expect(tally([.pass, .baselined, .skip, .error, .uncounted]).dominantOutcome == .error)
        #expect(tally([.pass, .baselined, .uncounted]).dominantOutcome == .uncounted)
        #expect(tally([.pass, .baselined]).dominantOutcome == .baselined)
        #expect(tally([.pass, .skip, .skip]).dominantOutcome == .pass)
        #expect(tally([.skip]).dominantOutcome == .skip)
        #expect(VerdictTally().dominantOutcome == nil)
    }

    @Test func theMatrixKeepsFirstSeenOrderAndLeavesUnrunCellsEmpty() {
        let matrix = CheckMatrix(SampleReports.mixed())
        #expect(matrix.endpoints == ["rerank", "chat", "speech"])
        #expect(
            matrix.checks == [
                "status", "schema", "rerank.top-n", "rerank.sorted-desc", "json", "error.openai-envelope",
                "stream.openai-grammar", "schema.letter",
            ])
        #expect(matrix.tally(endpoint: "rerank", check: "status")?.passed == 2)
        #expect(matrix.tally(endpoint: "chat", check: "schema.letter")?.dominantOutcome == .uncounted)
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

import ConformRunner
import Testing

@Suite struct BaselineTests {
    @Test func readsAcceptedFailuresByCaseAndCheck() throws {
        let baseline = try Baseline.parse(
            Array(
                """
                {"accepted": [{"case": "errors.chat-unknown-model", "check": "error.openai-envelope", "reason": "GPUStack omits param"}]}
                """.utf8), file: "baseline.json")
        #expect(
            baseline.acceptance(caseID: "errors.chat-unknown-model", check: "error.openai-envelope") == "GPUStack omits param")
        #expect(baseline.acceptance(caseID: "errors.chat-unknown-model", check: "status") == nil)
    }

    @Test func namesTheFileAndMemberOfAProblem() {
        #expect(throws: BaselineError(file: "b.json", pointer: "/accepted/0/reason", message: "is missing")) {
            try Baseline.parse(Array(#"{"accepted": [{"case": "a.b", "check": "status"}]}"#.utf8), file: "b.json")
        }
        #expect(
            throws: BaselineError(file: "b.json", pointer: "/acepted", message: "is not a known member (expected \"accepted\")")
        ) {
            try Baseline.parse(Array(#"{"acepted": []}"#.utf8), file: "b.json")
        }
    }
}

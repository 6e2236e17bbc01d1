import ConformContract
import Testing

/// The one counting rule: results bind at the weaker level, a case counts at its worst binding
/// failure, `--fail-on` decides what counts.
@Suite struct CountingRuleTests {
    typealias Finding = CaseJudgement.Finding

    @Test("A result binds at the weaker of its check's and its case's level")
    func binding() {
        #expect(RequirementLevel.binding(check: .must, inCase: .must) == .must)
        #expect(RequirementLevel.binding(check: .must, inCase: .should) == .should)
        #expect(RequirementLevel.binding(check: .should, inCase: .must) == .should)
    }

    @Test("A case counts at the level of its worst unaccepted failure")
    func worstFailure() {
        let judgement = CaseJudgement.judge([
            Finding(verdict: .pass, level: .must), Finding(verdict: .fail, level: .should), Finding(verdict: .fail, level: .must),
        ])
        #expect(judgement == CaseJudgement(verdict: .fail, level: .must))
        let shouldOnly = CaseJudgement.judge([Finding(verdict: .pass, level: .must), Finding(verdict: .fail, level: .should)])
        #expect(shouldOnly == CaseJudgement(verdict: .fail, level: .should))
        let acceptedMust = CaseJudgement.judge([
            Finding(verdict: .fail, level: .must, accepted: true), Finding(verdict: .fail, level: .should),
        ])
        #expect(acceptedMust == CaseJudgement(verdict: .fail, level: .should))
        let allAccepted = CaseJudgement.judge([Finding(verdict: .fail, level: .must, accepted: true)])
        #expect(allAccepted == CaseJudgement(verdict: .fail, level: .must, accepted: true))
    }

    @Test("No vacuous pass: a case none of whose checks passed is not a pass")
    func noVacuousPass() {
        #expect(CaseJudgement.judge([Finding(verdict: .skip, level: .must)]).verdict == .error)
        #expect(CaseJudgement.judge([]).verdict == .error)
        #expect(CaseJudgement.judge([Finding(verdict: .skip, level: .must), Finding(verdict: .pass, level: .should)]).verdict == .pass)
    }

    @Test("An unsupported result makes the case unsupported at must")
    func unsupported() {
        #expect(CaseJudgement.judge([Finding(verdict: .pass, level: .must), Finding(verdict: .unsupported, level: .should)])
            == CaseJudgement(verdict: .unsupported, level: .must))
    }

    @Test("--fail-on counts by level; accepted failures never; errors only under any")
    func policies() {
        let must = CaseJudgement(verdict: .fail, level: .must)
        let should = CaseJudgement(verdict: .fail, level: .should)
        let accepted = CaseJudgement(verdict: .fail, level: .must, accepted: true)
        let unsupported = CaseJudgement(verdict: .unsupported, level: .must)
        let error = CaseJudgement(verdict: .error)
        #expect(FailurePolicy.must.counts(must) && !FailurePolicy.must.counts(should) && FailurePolicy.must.counts(unsupported))
        #expect(FailurePolicy.should.counts(must) && FailurePolicy.should.counts(should) && !FailurePolicy.should.counts(error))
        #expect(FailurePolicy.any.counts(error))
        #expect(![FailurePolicy.must, .should, .any, .never].contains { $0.counts(accepted) })
        #expect(!FailurePolicy.never.counts(must) && !FailurePolicy.never.counts(error))
        #expect(![FailurePolicy.must, .should, .any, .never].contains { $0.counts(CaseJudgement(verdict: .pass)) })
    }

    @Test("Rows know their paths and kinds; kinds their roles and engines")
    func vocabulary() {
        #expect(ContractRow(path: "/v1/rerank") == .rerank && ContractRow(path: "/model/proxy/1/x") == nil)
        #expect(ContractRow.messages.kind?.engineKind == .chat && ContractRow.messages.kind?.role == .chat)
        #expect(ModelRole.image.kinds == [.images, .imageEdits])
        #expect(RouteRole.echo.modelRole == .echo)
        #expect(ContractRow.allCases.allSatisfy { row in row.path.map { ContractRow(path: $0) == row } ?? true })
    }
}

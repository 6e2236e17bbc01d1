import ConformContract
import ConformJSON
import ConformReport
import ConformSuite

/// A row of the contract the server does not have at all: every case of it that expects an answer
/// got 404 or 405 without the contract's error envelope (a framework's "Not Found", an empty
/// body). Such a row is one finding, `unsupported` at must, with the evidence, and its other
/// cases, the refusals it expects among them, are not counted as passes: a server without the
/// generic proxy does not pass "an unknown route id is answered 404".
enum UnsupportedRows {
    /// The name the finding gives the missing endpoint, as a check.
    static let checkName = "endpoint.present"

    /// The reports of `outcomes`, each row the server lacks folded into one entry in place of its
    /// first case.
    static func collapse(
        _ outcomes: [CaseExecution.Outcome], report: (CaseExecution.Outcome) -> CaseReport, counts: (CaseJudgement) -> Bool
    ) -> [CaseReport] {
        var absent: [ContractRow: [CaseExecution.Outcome]] = [:]
        for row in Set(outcomes.map(\.fixture.endpoint)) {
            let rowOutcomes = outcomes.filter { $0.fixture.endpoint == row }
            let answering = rowOutcomes.filter { expectsAnswer($0.fixture) && $0.unjudged == nil }
            if !answering.isEmpty && answering.allSatisfy(routeIsAbsent) { absent[row] = rowOutcomes }
        }
        var reports: [CaseReport] = []
        var folded: Set<ContractRow> = []
        for outcome in outcomes {
            let row = outcome.fixture.endpoint
            guard let rowOutcomes = absent[row] else {
                reports.append(report(outcome))
                continue
            }
            guard folded.insert(row).inserted else { continue }
            reports.append(finding(row, rowOutcomes, counts: counts))
        }
        return reports
    }

    /// Whether the case expects the endpoint to answer with a success.
    static func expectsAnswer(_ fixture: Fixture) -> Bool {
        (fixture.expectation.status ?? []).allSatisfy { (200..<300).contains($0) }
    }

    /// Whether the answer says the path does not exist rather than refusing the request: 404 or
    /// 405 with a body that is not the OpenAI or Anthropic error envelope.
    static func routeIsAbsent(_ outcome: CaseExecution.Outcome) -> Bool {
        guard let exchange = outcome.exchange, let status = exchange.status, status == 404 || status == 405 else { return false }
        guard let text = exchange.responseBody, let json = try? JSONParser().parse(Array(text.utf8)) else { return true }
        let openAI = json["error"]?["message"]?.stringValue != nil
        let anthropic = json["type"] == "error" && json["error"]?.objectValue != nil
        return !(openAI || anthropic)
    }

    static func finding(_ row: ContractRow, _ outcomes: [CaseExecution.Outcome], counts: (CaseJudgement) -> Bool) -> CaseReport {
        let evidence = outcomes.first { expectsAnswer($0.fixture) && routeIsAbsent($0) }!
        let exchange = evidence.exchange
        let answer = "\(exchange?.status.map(String.init) ?? "?") \(exchange?.responseBody.map { ExchangeRecording.cut($0).text.prefix(200) } ?? "with an empty body")"
        let path = row.path ?? (row == .proxyPath ? "/model/proxy/<route_id>/..." : "/model/proxy/...")
        let message =
            "\(evidence.fixture.request.method) \(path) answered \(answer): the endpoint is absent (\(outcomes.count) case\(outcomes.count == 1 ? "" : "s") not run as such: \(outcomes.map(\.fixture.id).joined(separator: ", ")))"
        let judgement = CaseJudgement(verdict: .unsupported, level: .must)
        return CaseReport(
            id: "\(row.rawValue).endpoint", endpoint: row.rawValue, api: row.api.rawValue,
            summary: "The \(row.rawValue) endpoint (\(path)) is served at all", level: .must,
            source: "The GPUStack docs document \(path) as part of the inference API.",
            clients: ClientProfile.allCases.filter { client in outcomes.contains { $0.fixture.clients.contains(client) } },
            fixture: evidence.fixture.file,
            verdict: .unsupported, failureLevel: .must, counted: counts(judgement), reason: message,
            checks: [CheckReport(name: checkName, level: .must, verdict: .unsupported, message: message)],
            exchange: exchange, reproduction: evidence.reproduction,
            durationMilliseconds: outcomes.map { ExchangeRecording.milliseconds($0.duration) }.reduce(0, +))
    }
}

import ConformContract
import ConformHTTP
import ConformReport
import ConformSuite
import Foundation

/// Runs the selected fixture cases against a target, several at once, in a stable order, and
/// turns what happened into a ``RunReport`` and an exit code. It first checks that the target
/// accepts connections at all; a target that does not gives a report saying so and exit 2.
///
/// Every case is judged by ``CaseJudgement`` and counted by the ``FailurePolicy`` here, once; the
/// report formats render what was decided.
public struct SuiteRunner: Sendable {
    public var target: TargetConfiguration
    public var settings: RunSettings
    public var catalog: CheckCatalog
    public var schemas: any SchemaLibrary
    /// How the fixtures directory is written in reproduction commands, e.g. `Fixtures`.
    public var assetRoot: String
    public var transport: Transport

    public init(
        target: TargetConfiguration, settings: RunSettings, catalog: CheckCatalog = .standard, schemas: any SchemaLibrary,
        assetRoot: String = "Fixtures", transport: Transport = Transport()
    ) {
        self.target = target
        self.settings = settings
        self.catalog = catalog
        self.schemas = schemas
        self.assetRoot = assetRoot
        self.transport = transport
    }

    /// Called as each case finishes, in completion order, with how many have finished so far.
    public typealias Progress = @Sendable (_ report: CaseReport, _ finished: Int, _ total: Int) -> Void

    /// Runs every selected case of `fixtures`. Cancelling the calling task interrupts the run:
    /// cases already finished are kept, the report says so, and the exit code is 130.
    public func run(_ fixtures: FixtureSet, progress: Progress = { _, _, _ in }) async -> SuiteOutcome {
        let startedAt = Date()
        let clock = ContinuousClock.now
        let selected = settings.selection.select(fixtures.fixtures)
        let execution = CaseExecution(
            transport: transport, target: target, settings: settings, catalog: catalog, schemas: schemas, assetRoot: assetRoot)
        let scrubber = target.scrubber
        var outcomes: [CaseExecution.Outcome?] = Array(repeating: nil, count: selected.count)
        var status: RunOutcome.Status?
        var message: String?

        if selected.isEmpty {
            status = .error
            message = "no case matches the selection (--only \(settings.selection.only.joined(separator: " ")), --level \(settings.selection.level.rawValue))"
        } else if let unreachable = await reachabilityProblem() {
            // One finding, not one per case: nothing was run.
            status = .error
            message = "the target \(target.baseURL) is unreachable: \(unreachable); no case was run"
        } else {
            await withTaskGroup(of: (Int, CaseExecution.Outcome?).self) { group in
                var next = 0
                var finished = 0
                func startNext() {
                    guard next < selected.count, !Task.isCancelled else { return }
                    let index = next
                    next += 1
                    group.addTask {
                        do {
                            return (index, try await execution.run(selected[index]))
                        } catch is CancellationError {
                            return (index, nil)
                        } catch {
                            // Anything else a case throws is reported as that case's error, not lost.
                            return (index, CaseExecution.Outcome(
                                fixture: selected[index], unjudged: .error, reason: "could not run: \(error)", checks: [], duration: .zero))
                        }
                    }
                }
                for _ in 0..<settings.concurrency { startNext() }
                while let (index, outcome) = await group.next() {
                    if let outcome {
                        outcomes[index] = outcome
                        finished += 1
                        progress(scrubber.scrub(report(for: outcome)), finished, selected.count)
                    }
                    startNext()
                }
            }
            if Task.isCancelled {
                status = .interrupted
                message = "interrupted after \(outcomes.compactMap { $0 }.count) of \(selected.count) cases"
            } else if let lost = outcomes.compactMap({ $0 }).first(where: \.lostTarget) {
                status = .error
                message = "the target stopped accepting connections during the run (\(lost.fixture.id): \(lost.reason ?? "connection refused"))"
            }
        }
        // The one scrub of what was recorded: nothing unscrubbed leaves the runner.
        let cases = UnsupportedRows.collapse(outcomes.compactMap { $0 }, report: report(for:), counts: counts).map(scrubber.scrub)
        let counted = cases.filter(\.counted).count
        let finalStatus = status ?? (counted > 0 ? .failed : .passed)
        if finalStatus == .failed {
            message = "\(counted) \(counted == 1 ? "case counts" : "cases count") against the run at --fail-on \(settings.failurePolicy.rawValue)"
                + (settings.failOnSkip ? " --fail-on-skip" : "")
        }
        let outcome = RunOutcome(status: finalStatus, exitCode: Self.exitCode(for: finalStatus), message: message.map(scrubber.scrub))
        let runReport = RunReport(
            suiteVersion: settings.suiteVersion, fixtureDigest: fixtures.digest, target: scrubber.scrub(targetDescription(cases)),
            options: RunOptionsRecord(
                level: settings.selection.level, failOn: settings.failurePolicy, failOnSkip: settings.failOnSkip,
                only: settings.selection.only, concurrency: settings.concurrency,
                timeoutSeconds: ExchangeRecording.milliseconds(settings.timeout) / 1000, baseline: settings.baselinePath),
            startedAt: Self.timestamp(startedAt), finishedAt: Self.timestamp(Date()),
            durationMilliseconds: ExchangeRecording.milliseconds(clock.duration(to: .now)), outcome: outcome, cases: cases)
        return SuiteOutcome(report: runReport)
    }

    /// Why the target cannot be reached, or nil when it accepts connections. Any HTTP answer,
    /// even an error status, counts as reachable.
    func reachabilityProblem() async -> String? {
        let probe = OutgoingRequest(method: "GET", url: target.url(for: "/v1/models"))
        let wait = min(settings.timeout, .seconds(10))
        do {
            _ = try await transport.send(
                probe, options: TransferOptions(connectTimeout: wait, totalTimeout: wait, tls: target.tls))
            return nil
        } catch let error as TransportError where CaseExecution.couldNotReach(error) {
            return target.scrubber.scrub(error.description)
        } catch {
            return nil
        }
    }

    /// The case as the report shows it, judged and counted, before scrubbing.
    func report(for outcome: CaseExecution.Outcome) -> CaseReport {
        let fixture = outcome.fixture
        let checks = outcome.checks.map { check in
            let acceptance =
                check.result.verdict == .fail
                ? settings.baseline.acceptance(caseID: fixture.id, check: check.descriptor.name) : nil
            return CheckReport(
                name: check.descriptor.name, level: check.level, verdict: check.result.verdict, message: check.result.message,
                expected: check.result.expected.map(CheckValuePreview.preview), actual: check.result.actual.map(CheckValuePreview.preview),
                baselined: acceptance != nil, baselineReason: acceptance)
        }
        let judgement =
            outcome.unjudged.map { CaseJudgement(verdict: $0) }
            ?? CaseJudgement.judge(checks.map { CaseJudgement.Finding(verdict: $0.verdict, level: $0.level, accepted: $0.baselined) })
        var reason = outcome.reason
        if judgement.verdict == .error && reason == nil { reason = "no check could judge the answer" }
        return CaseReport(
            id: fixture.id, endpoint: fixture.endpoint.rawValue, api: fixture.api.rawValue, summary: fixture.summary,
            level: fixture.level, source: fixture.source, clients: fixture.clients, fixture: fixture.file, verdict: judgement.verdict,
            failureLevel: judgement.level, counted: counts(judgement), reason: reason, unmapped: outcome.unmapped,
            baselined: judgement.accepted, checks: checks, exchange: outcome.exchange, reproduction: outcome.reproduction,
            durationMilliseconds: ExchangeRecording.milliseconds(outcome.duration))
    }

    /// Whether a case so judged counts against this run.
    func counts(_ judgement: CaseJudgement) -> Bool {
        judgement.verdict == .skip ? settings.failOnSkip : settings.failurePolicy.counts(judgement)
    }

    /// Headers that identify the server software, recorded in the report's target description.
    static let identifyingHeaders = ["server", "x-powered-by", "via"]

    private func targetDescription(_ reports: [CaseReport]) -> TargetDescription {
        var serverHeaders: [ReportHeader] = []
        for header in reports.flatMap({ $0.exchange?.responseHeaders ?? [] })
        where Self.identifyingHeaders.contains(header.name.lowercased())
            && !serverHeaders.contains(where: { $0.name == header.name.lowercased() && $0.value == header.value })
        {
            serverHeaders.append(ReportHeader(name: header.name.lowercased(), value: header.value))
        }
        return TargetDescription(
            baseURL: target.baseURL, embeddedMock: target.embeddedMock, deterministic: target.deterministic,
            serverHeaders: serverHeaders,
            models: Dictionary(uniqueKeysWithValues: target.roles.models.map { ($0.key.rawValue, $0.value) }),
            routes: Dictionary(uniqueKeysWithValues: target.roles.routes.map { ($0.key.rawValue, $0.value) }))
    }

    static func exitCode(for status: RunOutcome.Status) -> Int {
        switch status {
        case .passed: 0
        case .failed: 1
        case .error: 2
        case .interrupted: 130
        }
    }

    /// ISO 8601 in UTC to the second, e.g. `2026-11-21T23:11:11Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

/// What a run produced: the report to write, and the exit code it implies.
public struct SuiteOutcome: Sendable {
    public var report: RunReport

    public var exitCode: Int32 { Int32(report.outcome.exitCode) }
}

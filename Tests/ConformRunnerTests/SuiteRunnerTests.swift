import ConformContract
import ConformHTTP
import ConformJSON
import ConformReport
import ConformRunner
import ConformSuite
import ConformTestSupport
import Foundation
import Synchronization
import Testing

@Suite(.timeLimit(.minutes(1))) struct SuiteRunnerTests {
    @Test func aConformingGatewayPassesEveryCase() async throws {
        let outcome = try await withGateway { base in try await runner(base).run(gatewayFixtures) }
        let report = outcome.report
        #expect(report.cases.map(\.id) == ["chat.basic", "chat.streaming", "auth.chat-without-key", "errors.chat-unknown-model"])
        #expect(report.cases.allSatisfy { $0.verdict == .pass }, "\(report.cases.filter { $0.verdict != .pass })")
        #expect(report.outcome.status == .passed && outcome.exitCode == 0)
        let basic = try #require(report.caseReport("chat.basic"))
        #expect(basic.checks.map(\.name) == ["status", "content-type", "json", "usage.totals-add-up"])
        #expect(basic.exchange?.status == 200)
        #expect(basic.exchange?.responseBody?.contains("chat.completion") == true)
        #expect(report.caseReport("chat.streaming")?.exchange?.stream?.eventCount == 4)
        #expect(report.target.serverHeaders == [ReportHeader(name: "server", value: "test-gateway/1.0")])
        #expect(report.fixtureDigest == "test-digest")
    }

    @Test func theReproductionCommandReadsTheKeyFromTheEnvironment() async throws {
        let report = try await withGateway { base in try await runner(base).run(gatewayFixtures) }.report
        let command = try #require(report.caseReport("chat.basic")?.reproduction)
        #expect(command.contains("-H \"Authorization: Bearer $GPUSTACK_API_KEY\""))
        #expect(command.contains("--data-binary '{\"model\":\"qwen3\""))
        #expect(
            report.caseReport("chat.streaming")?.reproduction?.hasPrefix(
                "curl -sS \\\n  -N \\\n  -X POST \\\n  'http://127.0.0.1:") == true)
        #expect(report.caseReport("auth.chat-without-key")?.reproduction?.contains("Authorization") == false)
    }

    @Test func theKeyAppearsNowhereInTheReport() async throws {
        let faults = GatewayFaults(acceptWithoutKey: true)
        let report = try await withGateway(faults) { base in try await runner(base).run(gatewayFixtures) }.report
        #expect(!String(reflecting: report).contains(testKey))
        #expect(
            report.caseReport("chat.basic")?.exchange?.requestHeaders.contains(
                ReportHeader(name: "Authorization", value: "Bearer $GPUSTACK_API_KEY")) == true)
    }

    @Test func aGatewayServingWithoutAKeyFailsAuthRequired() async throws {
        let outcome = try await withGateway(GatewayFaults(acceptWithoutKey: true)) { base in
            try await runner(base).run(gatewayFixtures)
        }
        let auth = try #require(outcome.report.caseReport("auth.chat-without-key"))
        #expect(auth.verdict == .fail)
        #expect(auth.failedChecks == ["status", "auth.required"])
        #expect(auth.check("auth.required")?.message?.hasPrefix("the request without any API key was served (200)") == true)
        #expect(outcome.exitCode == 1 && outcome.report.outcome.status == .failed)
        #expect(outcome.report.outcome.message == "1 case counts against the run at --fail-on must")
    }

    @Test func aStreamWithoutDoneFailsTheGrammarCheck() async throws {
        let outcome = try await withGateway(GatewayFaults(streamWithoutDone: true)) { base in
            try await runner(base).run(gatewayFixtures)
        }
        let stream = try #require(outcome.report.caseReport("chat.streaming"))
        #expect(stream.failedChecks == ["stream.openai-grammar"])
        #expect(stream.check("stream.openai-grammar")?.message == "the stream ended after 3 chunks without data: [DONE]")
    }

    @Test func aStalledStreamFailsWithinTheEventWait() async throws {
        let (outcome, elapsed) = try await withGateway(GatewayFaults(stallAfterChunks: 1)) { base in
            let started = ContinuousClock.now
            let outcome = try await runner(base).run(gatewayFixtures)
            return (outcome, started.duration(to: .now))
        }
        let message = try #require(outcome.report.caseReport("chat.streaming")?.check("stream.openai-grammar")?.message)
        #expect(
            message.hasPrefix("the stream ended after 1 chunks without data: [DONE] (the stream was cut short: eventWaitExceeded")
        )
        #expect(elapsed < .seconds(8))
    }

    @Test func aStreamThatNeverEndsIsCutAtTheTimeout() async throws {
        let settings = RunSettings(selection: CaseSelection(only: ["chat.streaming"]), timeout: .seconds(3), suiteVersion: "test")
        // The wait per event is then the timeout itself and, once an event has come, always ends
        // after it: a pause of the test gateway on a loaded machine cannot end the stream first.
        let fixtures = gatewayFixtures.waitingForEvents(.seconds(20))
        let outcome = try await withGateway(GatewayFaults(endlessStreamEvery: .milliseconds(20))) { base in
            try await runner(base, settings: settings).run(fixtures)
        }
        let stream = try #require(outcome.report.caseReport("chat.streaming"))
        #expect(stream.verdict == .fail)
        #expect(stream.failedChecks == ["stream.openai-grammar"])
        let message = try #require(stream.check("stream.openai-grammar")?.message)
        #expect(message.contains("(the stream was cut short: timedOut"), "\(message)")
        #expect((stream.exchange?.stream?.eventCount ?? 0) >= 2)
        #expect(outcome.exitCode == 1)
    }

    @Test func aFloodOfEventsIsCutAtTheEventLimit() async throws {
        let settings = RunSettings(selection: CaseSelection(only: ["chat.streaming"]), suiteVersion: "test")
        // A generous wait per event: on a loaded machine a flood can pause; only the event limit may end it.
        let fixtures = gatewayFixtures.waitingForEvents(.seconds(20))
        let outcome = try await withGateway(GatewayFaults(endlessStreamEvery: .zero)) { base in
            try await runner(base, settings: settings).run(fixtures)
        }
        let stream = try #require(outcome.report.caseReport("chat.streaming"))
        #expect(stream.failedChecks == ["stream.openai-grammar"])
        #expect(stream.exchange?.stream?.eventCount == 10_000)
        let message = try #require(stream.check("stream.openai-grammar")?.message)
        #expect(
            message.hasSuffix(
                "(the stream was cut short: tooManyEvents: 10000 events without the end of the stream; conform reads no more)"),
            "\(message)")
    }

    @Test func anEnormousActualValueIsCutInTheReport() async throws {
        let settings = RunSettings(selection: CaseSelection(only: ["chat.basic"]), suiteVersion: "test")
        let outcome = try await withGateway(GatewayFaults(objectNameLength: 100_000)) { base in
            try await runner(base, settings: settings).run(gatewayFixtures)
        }
        let check = try #require(outcome.report.caseReport("chat.basic")?.check("json"))
        #expect(check.verdict == .fail)
        #expect(check.expected == ["object": "chat.completion", "model": "qwen3"])
        let actual = try #require(check.actual?.stringValue)
        #expect(actual.hasPrefix("\"xxxx"))
        #expect(actual.hasSuffix("… (100002 bytes of JSON in all, cut to 8192)"), "\(actual.suffix(60))")
        #expect(actual.utf8.count < 8192 + 64)
    }

    @Test func failOnDecidesWhichFailuresCount() async throws {
        let faults = GatewayFaults(dropErrorParam: true)
        for (policy, exitCode) in [(FailurePolicy.must, 0), (.should, 1), (.any, 1), (.never, 0)] {
            let settings = RunSettings(failurePolicy: policy, suiteVersion: "test")
            let outcome = try await withGateway(faults) { base in try await runner(base, settings: settings).run(gatewayFixtures)
            }
            #expect(outcome.exitCode == Int32(exitCode), "--fail-on \(policy.rawValue)")
            #expect(outcome.report.caseReport("errors.chat-unknown-model")?.failedChecks == ["error.openai-envelope"])
        }
    }

    @Test func aBaselinedFailureIsShownButDoesNotFailTheRun() async throws {
        let baseline = Baseline(entries: [
            .init(caseID: "errors.chat-unknown-model", check: "error.openai-envelope", reason: "known gap")
        ])
        let settings = RunSettings(
            failurePolicy: .should, baseline: baseline, baselinePath: "baseline.json", suiteVersion: "test")
        let outcome = try await withGateway(GatewayFaults(dropErrorParam: true)) { base in
            try await runner(base, settings: settings).run(gatewayFixtures)
        }
        let errorCase = try #require(outcome.report.caseReport("errors.chat-unknown-model"))
        #expect(errorCase.verdict == .fail && errorCase.baselined)
        #expect(errorCase.check("error.openai-envelope")?.baselined == true)
        #expect(errorCase.check("error.openai-envelope")?.baselineReason == "known gap")
        #expect(outcome.exitCode == 0 && outcome.report.options.baseline == "baseline.json")
    }

    @Test func levelAndOnlySelectCases() async throws {
        let mustOnly = RunSettings(selection: CaseSelection(level: .must), suiteVersion: "test")
        let must = try await withGateway { base in try await runner(base, settings: mustOnly).run(gatewayFixtures) }.report
        #expect(must.cases.map(\.id) == ["chat.basic", "chat.streaming", "auth.chat-without-key"])
        #expect(must.caseReport("chat.basic")?.checks.map(\.name) == ["status", "json"])
        let only = RunSettings(selection: CaseSelection(only: ["auth.*", "rerank"]), suiteVersion: "test")
        #expect(
            try await withGateway { base in try await runner(base, settings: only).run(gatewayFixtures) }.report.cases.map(\.id)
                == ["auth.chat-without-key"])
    }

    @Test func aSelectionThatMatchesNothingCouldNotRun() async throws {
        let settings = RunSettings(selection: CaseSelection(only: ["nothing.*"]), suiteVersion: "test")
        let outcome = try await withGateway { base in try await runner(base, settings: settings).run(gatewayFixtures) }
        #expect(outcome.exitCode == 2 && outcome.report.cases.isEmpty)
        #expect(outcome.report.outcome.message == "no case matches the selection (--only nothing.*, --level should)")
    }

    @Test func casesWithoutAKeyOrARoleAreSkipped() async throws {
        let report = try await withGateway { base in try await runner(base, key: nil, roles: RoleMapping()).run(gatewayFixtures) }
            .report
        #expect(report.caseReport("chat.basic")?.verdict == .skip)
        #expect(report.caseReport("chat.basic")?.reason == "the run has no API key (--no-auth): this case presents one")
        #expect(
            report.caseReport("auth.chat-without-key")?.reason
                == "${model.chat} is not mapped on this target: pass --model chat=NAME")
        #expect(report.outcome.status == .passed)
    }

    @Test func anUnreachableTargetGivesExitTwoAndAReportSayingSo() async throws {
        let closed = try ScriptedServer { _ in }
        let base = closed.baseURL
        closed.stop()
        let outcome = try await runner(base).run(gatewayFixtures)
        #expect(outcome.exitCode == 2 && outcome.report.outcome.status == .error)
        #expect(outcome.report.outcome.message?.hasPrefix("the target \(base) is unreachable: connectFailed") == true)
        #expect(outcome.report.cases.isEmpty)
    }

    @Test func aTargetThatGoesAwayDuringTheRunGivesExitTwo() async throws {
        let handle = ServerHandle()
        let server = try ScriptedServer { connection in
            connection.readRequest()
            connection.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            connection.close()
            handle.server.withLock { $0?.stop() }
        }
        handle.server.withLock { $0 = server }
        let outcome = try await runner(server.baseURL).run(gatewayFixtures)
        #expect(outcome.exitCode == 2 && outcome.report.outcome.status == .error)
        #expect(outcome.report.outcome.message?.hasPrefix("the target stopped accepting connections during the run (") == true)
        #expect(outcome.report.cases.allSatisfy { $0.verdict == .error })
        #expect(outcome.report.cases.first?.reason?.hasPrefix("could not reach the target: connectFailed") == true)
    }

    @Test func interruptingKeepsWhatFinishedAndExits130() async throws {
        let faults = GatewayFaults(stallAfterChunks: 0)
        let settings = RunSettings(concurrency: 1, timeout: .seconds(20), suiteVersion: "test")
        let outcome = try await withGateway(faults) { base in
            let (finished, finishedContinuation) = AsyncStream.makeStream(of: String.self)
            let run = Task {
                try await runner(base, settings: settings).run(gatewayFixtures) { report, _, _ in
                    finishedContinuation.yield(report.id)
                }
            }
            var iterator = finished.makeAsyncIterator()
            _ = await iterator.next()
            try await Task.sleep(for: .milliseconds(200))
            run.cancel()
            return try await run.value
        }
        #expect(outcome.exitCode == 130 && outcome.report.outcome.status == .interrupted)
        #expect(outcome.report.cases.map(\.id) == ["chat.basic"])
        #expect(outcome.report.outcome.message == "interrupted after 1 of 4 cases")
    }
}

/// Lets a scripted server's script stop the server it runs in.
final class ServerHandle: Sendable {
    let server = Mutex<ScriptedServer?>(nil)
}

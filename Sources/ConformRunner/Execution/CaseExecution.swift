import ConformContract
import ConformHTTP
import ConformJSON
import ConformReport
import ConformSuite
import HTTPWire

/// Runs one case against the target: prepares the request, sends it, feeds stream events to the
/// checks as they arrive, and records the exchange with its reproduction command.
struct CaseExecution: Sendable {
    let transport: Transport
    let target: TargetConfiguration
    let settings: RunSettings
    let catalog: CheckCatalog
    let schemas: any SchemaLibrary
    /// How the fixtures directory is written in reproduction commands.
    let assetRoot: String

    /// What running a case produced: its evaluation and recording, and whether the target could
    /// be reached at all.
    struct Outcome: Sendable {
        var fixture: Fixture
        /// `skip` or `error` when the case was not judged; nil when its checks decide (the runner
        /// judges them, with the baseline).
        var unjudged: Verdict?
        /// Why the case was skipped or could not be carried out.
        var reason: String?
        var checks: [CheckOutcome]
        var exchange: ExchangeRecord?
        var reproduction: String?
        var duration: Duration
        /// The placeholder the target left unmapped, when that is why the case skipped.
        var unmapped: String?
        /// True when the target refused the connection: it is not (or no longer) reachable.
        var lostTarget: Bool = false
    }

    /// - Throws: `CancellationError` when the run was interrupted before the case finished.
    func run(_ fixture: Fixture) async throws -> Outcome {
        let prepared: PreparedCase
        switch CasePreparation.prepare(fixture, mapping: target.roles, apiKey: target.apiKey) {
        case .ready(let ready): prepared = ready
        case .skipped(let reason, let unmapped):
            return Outcome(fixture: fixture, unjudged: .skip, reason: reason, checks: [], duration: .zero, unmapped: unmapped?.name)
        }
        let started = ContinuousClock.now
        let context = CheckContext(
            prepared: prepared, golden: target.deterministic ? fixture.golden : nil, schemas: schemas, apiKey: target.apiKey)
        var evaluation = CaseEvaluation(context: context, catalog: catalog, minimumLevel: settings.selection.level)
        let request = RequestEncoding.outgoing(prepared.request, target: target, assetRoot: assetRoot)
        let streaming = fixture.expectation.stream != nil
        let reproduction = CurlCommand.render(request, streaming: streaming, secrets: [target.apiKey].compactMap { $0 })

        let exchange: Exchange
        do {
            exchange = streaming ? try await receiveStream(request, fixture: fixture, evaluation: &evaluation) : try await receiveWhole(request)
        } catch let error as TransportError {
            try Task.checkCancellation()
            var outcome = Outcome(
                fixture: fixture, unjudged: .error, checks: [],
                exchange: ExchangeRecording.record(request, response: nil, timings: nil, transportError: error),
                reproduction: reproduction, duration: started.duration(to: .now))
            if Self.couldNotReach(error) {
                outcome.reason = "could not reach the target: \(error.description)"
                outcome.lostTarget = error.kind == .connectFailed || error.kind == .connectTimedOut
            } else {
                outcome.checks = evaluation.concludeWithoutAnswer(error.description)
                outcome.unjudged = nil
            }
            return outcome
        }
        try Task.checkCancellation()
        let checks = evaluation.conclude(exchange.response)
        return Outcome(
            fixture: fixture, unjudged: nil, checks: checks,
            exchange: ExchangeRecording.record(request, response: exchange.response, timings: exchange.timings, transportError: nil),
            reproduction: reproduction, duration: started.duration(to: .now))
    }

    /// Failures that mean the case could not be carried out at all, rather than a server that
    /// answered badly.
    static func couldNotReach(_ error: TransportError) -> Bool {
        [.connectFailed, .connectTimedOut, .tls, .invalidRequest].contains(error.kind)
    }

    private struct Exchange {
        var response: ObservedResponse
        var timings: ExchangeTimings
    }

    private var transferOptions: TransferOptions {
        TransferOptions(connectTimeout: min(settings.timeout, .seconds(10)), totalTimeout: settings.timeout, tls: target.tls)
    }

    private func receiveWhole(_ request: OutgoingRequest) async throws -> Exchange {
        let received = try await transport.send(request, options: transferOptions)
        let response = ObservedResponse(
            status: received.status, headers: received.headers.map { HeaderLine(name: $0.name, value: $0.value) },
            body: received.body)
        return Exchange(response: response, timings: received.timings)
    }

    /// The most events a case reads from one stream; the fixtures' streams have fewer than a hundred.
    static let maximumStreamEvents = 10_000

    /// Reads an event stream, handing each event to the checks the moment it arrives. The wait
    /// for each event is bounded, and so is the stream as a whole, by the same timeout as any
    /// other exchange, and by ``maximumStreamEvents``: a server that never stops sending, or
    /// floods events faster than the checks take them, must not hold the run. Leaving the stream
    /// early aborts the transfer.
    private func receiveStream(
        _ request: OutgoingRequest, fixture: Fixture, evaluation: inout CaseEvaluation
    ) async throws -> Exchange {
        let maxEventWait = min(fixture.expectation.stream?.maxEventWait ?? settings.timeout, settings.timeout)
        let deadline = ContinuousClock.now + settings.timeout
        let stream = try await transport.openEventStream(request, maxEventWait: maxEventWait, options: transferOptions)
        var events: [StreamEvent] = []
        var body: [UInt8] = []
        var timings = ExchangeTimings()
        var diagnostics: [EventStreamDiagnostic] = []
        var interruption: StreamInterruption?
        reading: for await item in stream {
            switch item {
            case .event(let event, let receivedAt):
                let observed = StreamEvent(index: events.count, name: event.event, data: event.data, arrival: receivedAt)
                events.append(observed)
                evaluation.observe(observed)
                // Events already buffered come without a suspension: let other cases run now and then.
                if events.count % 64 == 0 { await Task.yield() }
                if events.count >= Self.maximumStreamEvents {
                    interruption = StreamInterruption(
                        kind: .tooManyEvents, message: "\(events.count) events without the end of the stream; conform reads no more")
                    break reading
                }
                if ContinuousClock.now > deadline {
                    interruption = StreamInterruption(
                        kind: .timedOut,
                        message: "the stream went on past the timeout of \(Int(ExchangeRecording.milliseconds(settings.timeout))) ms")
                    break reading
                }
            case .comment:
                break
            case .finished(let summary):
                body = summary.body
                timings = summary.timings
                diagnostics = summary.diagnostics
                interruption = summary.error.map(Self.interruption)
            }
        }
        try Task.checkCancellation()
        let headers = stream.head.headers.map { HeaderLine(name: $0.name, value: $0.value) }
        let response = ObservedResponse(
            status: stream.head.status, headers: headers, body: body,
            stream: ObservedStream(
                events: events, diagnostics: diagnostics, interruption: interruption, headArrival: timings.firstByte > .zero ? timings.firstByte : nil))
        return Exchange(response: response, timings: timings)
    }

    /// A transport failure part way through a stream, as evidence the checks can name.
    static func interruption(_ error: TransportError) -> StreamInterruption {
        let kind: StreamInterruption.Kind =
            switch error.kind {
            case .timedOut: .timedOut
            case .eventWaitExceeded: .eventWaitExceeded
            case .bodyTooLarge: .bodyTooLarge
            case .connectionLost: .connectionLost
            case .protocolViolation: .protocolViolation
            case .connectFailed, .connectTimedOut, .tls, .invalidRequest, .other: .other
            }
        return StreamInterruption(kind: kind, message: error.message)
    }
}

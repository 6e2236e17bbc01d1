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

    /// Headers that identify the server software, recorded in the report's target description.
    static let identifyingHeaders = ["server", "x-powered-by", "via"]

    /// - Throws: `CancellationError` when the run was interrupted before the case finished.
    func run(_ fixture: Fixture) async throws -> CaseResult {
        let prepared: PreparedCase
        switch CasePreparation.prepare(fixture, mapping: target.roles, apiKey: target.apiKey) {
        case .ready(let ready): prepared = ready
        case .skipped(let reason): return .skipped(fixture, reason: reason)
        }
        let started = ContinuousClock.now
        let context = CheckContext(
            prepared: prepared, golden: target.deterministic ? fixture.golden : nil, schemas: schemas, apiKey: target.apiKey)
        var evaluation = CaseEvaluation(context: context, catalog: catalog, minimumLevel: settings.selection.level)
        let request = RequestEncoding.outgoing(prepared.request, target: target)
        let streaming = fixture.expectation.stream != nil
        let scrubber = target.scrubber
        let reproduction = scrubber.scrub(
            CurlCommand.render(prepared.request, url: request.url, streaming: streaming, assetRoot: assetRoot))

        let exchange: Exchange
        do {
            if streaming {
                exchange = try await receiveStream(request, fixture: fixture, evaluation: &evaluation)
            } else {
                exchange = try await receiveWhole(request)
            }
        } catch let error as TransportError {
            try Task.checkCancellation()
            let record = ExchangeRecording(scrubber: scrubber).record(
                request: prepared.request, url: request.url, response: nil, timings: nil, transportError: error.description)
            var result = CaseResult(
                fixture: fixture, verdict: .error, reason: nil, outcomes: [], exchange: record, reproduction: reproduction,
                duration: started.duration(to: .now), targetUnreachable: false, serverHeaders: [])
            if Self.couldNotReach(error) {
                result.reason = "could not reach the target: \(scrubber.scrub(error.description))"
                result.targetUnreachable = error.kind == .connectFailed || error.kind == .connectTimedOut
            } else {
                result.outcomes = evaluation.concludeWithoutAnswer(scrubber.scrub(error.description))
                result.verdict = CaseEvaluation.verdict(of: result.outcomes)
            }
            return result
        }
        try Task.checkCancellation()
        let outcomes = evaluation.conclude(exchange.response)
        let record = ExchangeRecording(scrubber: scrubber).record(
            request: prepared.request, url: request.url, response: exchange.response, timings: exchange.timings,
            transportError: exchange.response.stream?.interruption)
        return CaseResult(
            fixture: fixture, verdict: CaseEvaluation.verdict(of: outcomes), reason: nil, outcomes: outcomes, exchange: record,
            reproduction: reproduction, duration: started.duration(to: .now), targetUnreachable: false,
            serverHeaders: exchange.response.headers.filter { Self.identifyingHeaders.contains($0.name.lowercased()) })
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
        var interruption: String?
        reading: for await item in stream {
            switch item {
            case .event(let event, _):
                let observed = StreamEvent(index: events.count, name: event.event, data: event.data)
                events.append(observed)
                evaluation.observe(observed)
                // Events already buffered come without a suspension: let other cases run now and then.
                if events.count % 64 == 0 { await Task.yield() }
                if events.count >= Self.maximumStreamEvents {
                    interruption = "tooManyEvents: \(events.count) events without the end of the stream; conform reads no more"
                    break reading
                }
                if ContinuousClock.now > deadline {
                    interruption = "timedOut: the stream went on past the timeout of \(Int(ExchangeRecording.milliseconds(settings.timeout))) ms"
                    break reading
                }
            case .comment:
                break
            case .finished(let summary):
                body = summary.body
                timings = summary.timings
                interruption = summary.error?.description
            }
        }
        try Task.checkCancellation()
        let headers = stream.head.headers.map { HeaderLine(name: $0.name, value: $0.value) }
        let response = ObservedResponse(
            status: stream.head.status, headers: headers, body: body,
            stream: ObservedStream(events: events, interruption: interruption))
        return Exchange(response: response, timings: timings)
    }
}

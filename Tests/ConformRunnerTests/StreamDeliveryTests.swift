import ConformContract
import ConformReport
import ConformRunner
import ConformSuite
import Hummingbird
import Logging
import MockProvider
import ServerScope
import ServerTestSupport
import Testing
import Workers

/// A proxy in front of the mock that, when `buffering`, sends each answer's head at once and holds
/// its body back until it is complete, as nginx with `proxy_buffering on` does to streams.
struct BufferingResponder: HTTPResponder {
    let inner: Router<ConnectionContext>.Responder
    let buffering: Bool

    func respond(to request: Request, context: ConnectionContext) async throws -> Response {
        var response = try await inner.respond(to: request, context: context)
        guard buffering else { return response }
        let original = response.body
        response.body = ResponseBody { writer in
            let collector = BufferingCollector()
            try await original.write(collector)
            try await writer.write(ByteBuffer(bytes: collector.bytes))
            try await writer.finish(nil)
        }
        response.headers[.contentLength] = nil
        return response
    }
}

/// Keeps what a response body writes, for ``BufferingResponder``.
final class BufferingCollector: ResponseBodyWriter, @unchecked Sendable {
    var bytes: [UInt8] = []
    func write(_ buffer: ByteBuffer) async throws { bytes += buffer.readableBytesView }
    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

/// `stream.incremental` judged from arrival times: a paced mock streams event by event and passes;
/// the same mock behind a buffering proxy delivers everything at the end and fails.
@Suite(.timeLimit(.minutes(2))) struct StreamDeliveryTests {
    static let cases = ["chat.long-stream", "responses.long-stream"]

    func run(buffering: Bool) async throws -> SuiteOutcome {
        var configuration = MockConfiguration(pace: StreamingPace(timeToFirstToken: .milliseconds(20), interToken: .milliseconds(15)))
        configuration.apiKeys = [testKey]
        let router = MockGateway.deterministic(configuration).router().buildResponder()
        let roles = configuration.roleMapping
        return try await withLiveServer(
            { report in
                var logger = Logger(label: "buffering")
                logger.logLevel = .critical
                return Application(
                    responder: BufferingResponder(inner: router, buffering: buffering),
                    configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                    onServerRunning: { channel in await report(channel.localAddress?.port ?? 0) }, logger: logger)
            },
            { port in
                let target = try TargetConfiguration(baseURL: "http://127.0.0.1:\(port)", apiKey: testKey, roles: roles)
                let settings = RunSettings(selection: CaseSelection(only: Self.cases), suiteVersion: "test")
                return await SuiteRunner(target: target, settings: settings, schemas: suiteSchemas).run(repositoryFixtures)
            })
    }

    @Test func aPacedStreamPassesAndTheSameBehindABufferingProxyFails() async throws {
        let direct = try await run(buffering: false)
        for id in Self.cases {
            let check = try #require(direct.report.caseReport(id)?.check("stream.incremental"))
            #expect(check.verdict == .pass, "\(id): \(check.message ?? "")")
        }
        let buffered = try await run(buffering: true)
        #expect(buffered.exitCode == 1)
        for id in Self.cases {
            let check = try #require(buffered.report.caseReport(id)?.check("stream.incremental"))
            #expect(check.verdict == .fail, "\(id)")
            #expect(check.message?.contains("held back and delivered at the end") == true, "\(check.message ?? "")")
        }
    }
}

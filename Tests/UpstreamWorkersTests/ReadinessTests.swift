import ConformHTTP
import ConformJSON
import ConformTestSupport
import Hummingbird
import MockProvider
import ServiceLifecycle
import Testing
import UpstreamWorkers
import WorkerServer
import Workers

/// A model whose engine cannot be reached is not ready: left out of `/v1/models` and answered
/// with 503, until the engine is back.
@Suite("Model readiness", .timeLimit(.minutes(2)))
struct ReadinessTests {
    static func listedModels(_ gateway: LoopbackClient) async throws -> [String] {
        try await gateway.send("GET", "/v1/models").json()["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    }

    @Test("An unreachable engine's models get 503 and leave the list; they return when the engine does")
    func unreachableThenBack() async throws {
        let port = try unusedPort()
        try await withGateway(try forwardingConfiguration(to: port)) { gateway in
            let refused = try await gateway.send("POST", "/v1/chat/completions", json: helloChat)
            #expect(refused.status == 503)
            let error = try refused.json()["error"]
            #expect(error?["code"] == "service_unavailable")
            #expect(error?["type"] == "server_error")
            #expect(error?["message"]?.stringValue?.contains("127.0.0.1:\(port)") == true)
            #expect(try await eventually { try await Self.listedModels(gateway).isEmpty })
            let message: JSON = ["model": "qwen3", "max_tokens": 8, "messages": [["role": "user", "content": "Hi"]]]
            let anthropic = try await gateway.send("POST", "/v1/messages", json: message)
            #expect(anthropic.status == 503)
            #expect(try anthropic.json()["error"]?["type"] == "api_error")

            try await withWorkerServer(port: port) { _ in
                #expect(try await eventually { try await Self.listedModels(gateway).count == MockConfiguration().models.count })
                let served = try await gateway.send("POST", "/v1/chat/completions", json: helloChat)
                #expect(served.status == 200)
            }
        }
    }

    @Test("A failed request marks the model not ready at once, without waiting for a probe")
    func learnsFromFailedRequests() async throws {
        let port = try unusedPort()
        var configuration = try forwardingConfiguration(to: port)
        // No probe runs during the test after the first one.
        configuration.healthProbe = HealthProbeSettings(
            interval: .seconds(600), timeout: .seconds(5), maximumBackoff: .seconds(600))
        let worker = try await RunningWorker.start(port: port)
        try await withGateway(configuration) { gateway in
            #expect(try await gateway.send("POST", "/v1/chat/completions", json: helloChat).status == 200)
            await worker.stop()
            let refused = try await gateway.send("POST", "/v1/chat/completions", json: helloChat)
            #expect(refused.status == 503)
            #expect(try refused.json()["error"]?["message"]?.stringValue?.contains("cannot connect") == true)
            #expect(try await Self.listedModels(gateway).isEmpty)
            let next = try await gateway.send("POST", "/v1/embeddings", json: ["model": "bge-m3", "input": "x"])
            #expect(try next.json()["error"]?["message"]?.stringValue?.contains("is not ready") == true)
        }
    }

    @Test("An engine whose health path answers 503 (still loading) is not ready")
    func loadingEngine() async throws {
        let log = RequestLog()
        try await withRecordingEngine(
            log,
            answer: { request in
                request.path == "/health"
                    ? engineBytes("Loading model", contentType: "text/plain", status: .serviceUnavailable)
                    : engineJSON(["ok": true])
            }
        ) { port in
            try await withGateway(try forwardingConfiguration(to: port, token: "worker-token")) { gateway in
                #expect(try await eventually { try await Self.listedModels(gateway).isEmpty })
                let refused = try await gateway.send("POST", "/v1/rerank", json: pandaRequest)
                #expect(refused.status == 503)
                #expect(try refused.json()["error"]?["message"]?.stringValue?.contains("/health answered 503") == true)
            }
        }
        let probes = log.all.filter { $0.path == "/health" }
        #expect(!probes.isEmpty)
        #expect(probes.allSatisfy { $0.method == "GET" && $0.header("Authorization") == "Bearer worker-token" })
        // Models sharing one engine share its probe.
        #expect(Set(log.all.map(\.path)) == ["/health"])
    }

    @Test("Under GPUStack emulation a model without a ready engine answers as GPUStack does")
    func emulatedNotReady() async throws {
        var configuration = try forwardingConfiguration(to: try unusedPort())
        configuration.emulation = .gpustack
        try await withGateway(configuration) { gateway in
            _ = try await gateway.send("POST", "/v1/chat/completions", json: helloChat)
            let refused = try await gateway.send("POST", "/v1/chat/completions", json: helloChat)
            #expect(refused.status == 503)
            #expect(
                try refused.json() == [
                    "error": ["message": "No running instances available", "code": 503, "type": "ServiceUnavailable"]
                ])
        }
    }

    @Test("Probes back off while an engine is down, up to the bound")
    func backoff() {
        let settings = HealthProbeSettings(interval: .seconds(5), timeout: .seconds(2), maximumBackoff: .seconds(30))
        #expect(
            (0...6).map { settings.delay(afterConsecutiveFailures: $0) } == [
                .seconds(5), .seconds(5), .seconds(10), .seconds(20), .seconds(30), .seconds(30), .seconds(30),
            ])
        let short = HealthProbeSettings(interval: .seconds(5), timeout: .seconds(2), maximumBackoff: .seconds(1))
        #expect(short.delay(afterConsecutiveFailures: 4) == .seconds(5))
    }
}

/// A worker server that a test can stop while the gateway in front of it keeps running.
final class RunningWorker: Sendable {
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    private init(group: ServiceGroup, task: Task<Void, any Error>) {
        self.group = group
        self.task = task
    }

    static func start(port: Int) async throws -> RunningWorker {
        let configuration = MockConfiguration()
        let server = WorkerServer(
            engines: configuration.models.map {
                ServedEngine(name: $0.name, worker: DeterministicWorker(profile: $0.engineProfile))
            })
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = server.application(host: "127.0.0.1", port: port, logger: quietLogger) { continuation.yield($0) }
        let group = ServiceGroup(configuration: .init(services: [application], logger: quietLogger))
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        _ = await iterator.next()
        return RunningWorker(group: group, task: task)
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }
}

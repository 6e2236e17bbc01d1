import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Synchronization
import Workers

/// The engines a gateway forwards to: it makes the ``UpstreamWorker`` of each model, with one
/// shared pool of HTTP clients and one health record per engine (models at the same URL share
/// both), and as a `Service` probes every engine in the background until the gateway shuts down,
/// then closes the pools.
///
/// Make every worker before the service runs: engines added later are served but not probed.
public final class UpstreamFleet: Service, Sendable {
    public let probe: HealthProbeSettings
    let clients = UpstreamClients()
    private let engines = Mutex<[UpstreamEngine.Identity: UpstreamEngine]>([:])
    private let logger: Logger

    public init(probe: HealthProbeSettings = HealthProbeSettings(), logger: Logger = Logger(label: "conform-upstream")) {
        self.probe = probe
        self.logger = logger
    }

    /// The adapter for the model the gateway calls `modelName`, served by the engine `target` names.
    public func worker(for target: UpstreamTarget, modelName: String) -> UpstreamWorker {
        let identity = UpstreamEngine.Identity(url: target.url, healthPath: target.healthPath, token: target.token)
        let engine = engines.withLock { engines in
            if let existing = engines[identity] { return existing }
            let created = UpstreamEngine(identity: identity, connectTimeout: target.timeouts.connect)
            engines[identity] = created
            return created
        }
        return UpstreamWorker(modelName: modelName, target: target, engine: engine, clients: clients)
    }

    /// Probes every engine until graceful shutdown, then closes the connection pools.
    public func run() async throws {
        let engines = self.engines.withLock { Array($0.values) }
        await withDiscardingTaskGroup { group in
            for engine in engines {
                group.addTask { await self.watch(engine) }
            }
            // Returning before shutdown would end the gateway: a finished service stops its group.
            try? await gracefulShutdown()
            group.cancelAll()
        }
        await clients.shutdown()
    }

    /// One engine's probe loop: every interval while it answers, backing off while it does not.
    private func watch(_ engine: UpstreamEngine) async {
        var reported = WorkerReadiness.ready
        while !Task.isCancelled {
            await check(engine)
            let readiness = engine.health.readiness
            if readiness.isReady != reported.isReady {
                switch readiness {
                case .ready: logger.notice("upstream engine ready again", metadata: ["url": "\(engine.url)"])
                case .notReady(let reason):
                    logger.warning("upstream engine not ready", metadata: ["url": "\(engine.url)", "reason": "\(reason)"])
                }
                reported = readiness
            }
            do {
                try await Task.sleep(for: probe.delay(afterConsecutiveFailures: engine.health.consecutiveFailures))
            } catch {
                return
            }
        }
    }

    /// One probe: `GET healthPath`, ready on any 2xx within the probe timeout.
    func check(_ engine: UpstreamEngine) async {
        let url = engine.url.url(path: engine.identity.healthPath)
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        if let token = engine.identity.token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let deadline = ContinuousClock.now + probe.timeout
        do {
            let client = try clients.client(UpstreamClients.Profile(connect: engine.connectTimeout, silence: probe.timeout))
            let response = try await client.execute(request, deadline: .now() + TimeAmount(probe.timeout))
            // Read the body so the connection goes back to the pool.
            _ = try await UpstreamBodyReader(response.body).collect(before: deadline, maximumBytes: 1 << 20)
            if (200..<300).contains(response.status.code) {
                engine.health.recordAnswer()
            } else {
                engine.health.recordFailure("GET \(url) answered \(response.status.code)")
            }
        } catch is CancellationError {
            return
        } catch {
            if (error as? HTTPClientError) == .cancelled { return }
            let timedOut =
                error is UpstreamBodyReader.PastDeadline || (error as? HTTPClientError) == .deadlineExceeded
                || (error as? HTTPClientError) == .readTimeout
            let phrase = timedOut ? "no answer within \(UpstreamFailure.describe(probe.timeout))" : UpstreamFailure.phrase(error)
            engine.health.recordFailure("GET \(url) failed: \(phrase)")
        }
    }
}

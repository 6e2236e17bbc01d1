import ConformJSON
import HTTPTypes
import Hummingbird
import Logging
import ServerScope
import Workers

/// Serves inference engines over HTTP as a vLLM-style server does: the probes (`/health`, `/healthz`,
/// `/ping`, `/version`), `GET /v1/models`,
/// and every engine path (`/v1/chat/completions`, `/v1/embeddings`, TEI's `/embed`, ...) answered
/// by the engine of the model the request names, streams as server-sent events. Several models
/// share one address: a request goes to the model in ``EngineModelHeader`` (whatever its path),
/// else the body's `model`, else the only model served. With a token, every path but the probes requires it as
/// `Authorization: Bearer`, as vLLM's `--api-key` does. `conform worker` runs it in front of
/// deterministic engines, so a gateway's adapter can be exercised on any machine.
public struct WorkerServer: Sendable {
    public let engines: [ServedEngine]
    public let token: String?
    /// The `created` of the model list.
    public let clock: WorkerClock
    /// The largest request body accepted, in bytes; larger ones get 413.
    public let bodyLimit: Int
    /// What `GET /version` reports.
    public let version: String
    /// How long idle, slow and stalled clients are waited for.
    public let timeouts: InboundTimeouts

    public init(
        engines: [ServedEngine], token: String? = nil, clock: WorkerClock = .fixed(WorkerClock.defaultInstant),
        bodyLimit: Int = 100 << 20, version: String = "unknown", timeouts: InboundTimeouts = InboundTimeouts()
    ) {
        self.timeouts = timeouts
        self.engines = engines
        self.token = token
        self.clock = clock
        self.bodyLimit = bodyLimit
        self.version = version
    }

    /// Answers every request: the health and model list paths, else the engine of the named model.
    public func responder() -> WorkerResponder {
        WorkerResponder(
            token: token, models: EngineModelsRoute(engines: engines, clock: clock),
            dispatch: EngineDispatch(engines: engines, bodyLimit: bodyLimit, timeouts: timeouts), version: version)
    }

    /// The server as a Hummingbird application listening on `host:port` (0 for any free port);
    /// `onServerRunning` receives the port actually bound.
    public func application(
        host: String = "127.0.0.1", port: Int = 8081, logger: Logger = Logger(label: "conform-worker"),
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            responder: responder(),
            server: timeouts.server(handlers: {
                [MalformedRequestAnswer { message in (EngineError.body(.badRequest, message: message).serialized(), "application/json") }, ClientDeparture()]
            }),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }
}

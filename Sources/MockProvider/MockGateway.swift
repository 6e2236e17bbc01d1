import ConformJSON
import HTTPTypes
import Hummingbird
import Logging
import ServerScope
import ServiceLifecycle
import UpstreamWorkers
import Workers

/// The deterministic mock GPUStack gateway: every route of the contract on a Hummingbird router,
/// in front of one engine per model. Build it from a ``MockConfiguration``; by default every
/// model is served by a ``DeterministicWorker``, and `makeWorker` lets another engine (such as an
/// adapter to a real inference server) take its place.
public struct MockGateway: Sendable {
    public let configuration: MockConfiguration
    let services: GatewayServices
    /// The deviations switched on, as rewrites around the routes and their engines.
    let deviations: DeviationLayer
    /// What runs beside the server for as long as it runs, such as the upstream health probes.
    let backgroundServices: [any Service]
    /// The stubs in force; the admin API adds and removes them.
    public let stubs: StubSet
    /// The request journal, when the admin API or a journal file is on.
    public let journal: RequestJournal?
    let metrics: GatewayMetrics?
    let faults: ConfiguredFaults

    public init(
        configuration: MockConfiguration,
        makeWorker: (ModelConfiguration) -> any InferenceWorker = { model in
            DeterministicWorker(profile: model.engineProfile)
        }
    ) {
        self.init(configuration: configuration, backgroundServices: [], makeWorker: makeWorker)
    }

    init(configuration: MockConfiguration, backgroundServices: [any Service], makeWorker: (ModelConfiguration) -> any InferenceWorker) {
        self.configuration = configuration
        self.backgroundServices = backgroundServices
        let deviations = DeviationLayer(configuration)
        self.deviations = deviations
        let deployments = configuration.models.map { model in
            ModelDeployment(configuration: model, worker: deviations.wrap(makeWorker(model)))
        }
        services = GatewayServices(
            configuration: configuration, registry: ModelRegistry(deployments),
            reader: RequestBodyReader(limit: configuration.bodyLimit, timeouts: configuration.inboundTimeouts),
            auth: APIKeyAuth(keys: configuration.acceptedKeys),
            memo: Self.memo(configuration, deployments))
        stubs = StubSet(configuration.stubs)
        faults = ConfiguredFaults(configuration.faults, seed: configuration.seed)
        metrics = configuration.metrics ? GatewayMetrics() : nil
        if configuration.admin != nil || configuration.journalFile != nil {
            // The command checks the file can be written before the gateway is made; should it
            // fail here after all, the journal still serves the admin API from memory.
            journal =
                (try? RequestJournal(capacity: configuration.journalCapacity, path: configuration.journalFile))
                ?? (try? RequestJournal(capacity: configuration.journalCapacity))
        } else {
            journal = nil
        }
    }

    /// Who is told about each exchange: the journal, the request log, the metrics.
    var observers: [any ExchangeObserver] {
        var observers: [any ExchangeObserver] = []
        if let journal { observers.append(journal) }
        if let format = configuration.requestLogFormat { observers.append(RequestLog(format: format)) }
        if let metrics { observers.append(metrics) }
        return observers
    }

    /// The response memo, when configured and safe: an engine that is not deterministic may answer
    /// the same request differently, so any such engine switches the memo off.
    static func memo(_ configuration: MockConfiguration, _ deployments: [ModelDeployment]) -> ResponseMemo? {
        guard configuration.responseMemoEntries > 0, deployments.allSatisfy(\.worker.isDeterministic) else { return nil }
        return ResponseMemo(capacity: configuration.responseMemoEntries)
    }

    /// Whether repeated rerank and embeddings requests are answered from the response memo.
    public var memoizesResponses: Bool { services.memo != nil }

    /// A gateway whose models are served by deterministic engines sharing the configuration's
    /// seed, clock and streaming pace.
    public static func deterministic(_ configuration: MockConfiguration) -> MockGateway {
        let heavyWork = HeavyWorkPool(configuration.heavyWork)
        return MockGateway(configuration: configuration) { model in
            DeterministicWorker(profile: model.engineProfile, settings: configuration.workerSettings, heavyWork: heavyWork)
        }
    }

    /// A gateway whose models are served as the configuration says: by the engine a model's
    /// `upstream` names, through an ``UpstreamWorker`` probed in the background while the
    /// application runs, and otherwise deterministically as ``deterministic(_:)`` does.
    public static func configured(_ configuration: MockConfiguration, logger: Logger = Logger(label: "conform-mock")) -> MockGateway {
        let fleet = UpstreamFleet(probe: configuration.healthProbe, logger: logger)
        let hasUpstreams = configuration.models.contains { $0.upstream != nil }
        let heavyWork = HeavyWorkPool(configuration.heavyWork)
        return MockGateway(configuration: configuration, backgroundServices: hasUpstreams ? [fleet] : []) { model in
            if let upstream = model.upstream { return fleet.worker(for: upstream, modelName: model.name) }
            return DeterministicWorker(profile: model.engineProfile, settings: configuration.workerSettings, heavyWork: heavyWork)
        }
    }

    /// Every route of the contract, with the error envelope, key check and deviations in place.
    /// The heavy routes (vectors, scores, audio, pictures) stop their work when the client leaves.
    public func router() -> Router<ConnectionContext> {
        let router = Router(context: ConnectionContext.self)
        let observers = self.observers
        if !observers.isEmpty {
            router.add(middleware: ObservingMiddleware(observers: observers))
        }
        if deviations.rewritesResponses { router.add(middleware: DeviatingResponses(layer: deviations)) }
        router.add(middleware: ErrorMiddleware(envelope: ErrorEnvelope(emulation: configuration.emulation)))
        let services = self.services
        router.add(
            middleware: ScriptingMiddleware(
                services: services, stubs: stubs, faults: faults, stubsOnly: configuration.stubsOnly,
                keepsEventDelays: configuration.keepsEventDelays))
        if deviations.rewritesRequests { router.add(middleware: DeviatingRequests(layer: deviations)) }
        if let admin = configuration.admin {
            AdminAPI(journal: journal, stubs: stubs, key: admin.key).register(on: router)
        }
        if let metrics {
            router.get("/metrics") { _, _ in
                ResponseBuilder.bytes(metrics.exposition(), contentType: "text/plain; version=0.0.4; charset=utf-8")
            }
        }
        let authenticated = router.group().add(middleware: services.auth)

        authenticated.get("/v1/models") { try await ModelsRoute(services: services).handle($0, $1) }
        authenticated.head("/v1/models") { try await Self.head(of: ModelsRoute(services: services).handle($0, $1)) }
        authenticated.get("/v1/models/{id}") { try await ModelsRoute(services: services).handleOne($0, $1) }
        authenticated.head("/v1/models/{id}") { try await Self.head(of: ModelsRoute(services: services).handleOne($0, $1)) }
        authenticated.get("/v2/model-routes") { try await ModelRoutesRoute(services: services).handle($0, $1) }
        authenticated.head("/v2/model-routes") { try await Self.head(of: ModelRoutesRoute(services: services).handle($0, $1)) }
        authenticated.post("/v1/chat/completions") { try await ChatCompletionsRoute(services: services).handle($0, $1) }
        authenticated.post("/v1/completions") { try await CompletionsRoute(services: services).handle($0, $1) }
        authenticated.post("/v1/responses") { try await ResponsesRoute(services: services).handle($0, $1) }
        authenticated.post("/v1/embeddings") { request, context in
            try await context.watchingClient { try await EmbeddingsRoute(services: services).handle(request, context) }
        }
        authenticated.post("/v1/rerank") { request, context in
            try await context.watchingClient { try await RerankRoute(services: services).handle(request, context) }
        }
        authenticated.post("/v1/images/generations") { request, context in
            try await context.watchingClient { try await ImageGenerationsRoute(services: services).handle(request, context) }
        }
        authenticated.post("/v1/images/edits") { request, context in
            try await context.watchingClient { try await ImageEditsRoute(services: services).handle(request, context) }
        }
        authenticated.post("/v1/audio/speech") { request, context in
            try await context.watchingClient { try await SpeechRoute(services: services).handle(request, context) }
        }
        authenticated.post("/v1/audio/transcriptions") { request, context in
            try await context.watchingClient { try await TranscriptionsRoute(services: services).handle(request, context) }
        }
        // These check the key themselves: GPUStack answers their misses before any key check.
        // Liveness for orchestrators and test fixtures, without a key.
        for path in ["/health", "/healthz"] {
            router.get(RouterPath(stringLiteral: path)) { _, _ in ResponseBuilder.json(["status": "ok"]) }
            router.head(RouterPath(stringLiteral: path)) { _, _ in try await Self.head(of: ResponseBuilder.json(["status": "ok"])) }
        }
        let openAPI = configuration.openAPIDocument.map { ResponseBuilder.serialized($0) }
        router.get("/openapi.json") { _, _ in
            guard let openAPI else {
                throw GatewayError(.notFound, .routeNotFound, "No OpenAPI document: the mock was started without conform's Schemas/ folder.")
            }
            return ResponseBuilder.json(serialized: openAPI)
        }
        router.post("/v1/messages") { try await MessagesRoute(services: services).handle($0, $1) }
        router.get("/v1/images/content/**") { try await ImageContentRoute(services: services).handle($0, $1) }
        router.head("/v1/images/content/**") { try await Self.head(of: ImageContentRoute(services: services).handle($0, $1)) }
        for method in Self.proxyMethods {
            router.on("/model/proxy/**", method: method) { try await GenericProxyRoute(services: services).handle($0, $1) }
        }

        for (path, allowed) in Self.methodTable {
            for method in Self.commonMethods where method != allowed {
                router.on(RouterPath(stringLiteral: path), method: method) { request, _ -> Response in
                    throw GatewayError.methodNotAllowed(request.method, request.uri.path)
                }
            }
        }
        return router
    }

    /// The answer to `HEAD` on a GET route: the GET answer's status and headers, with its length
    /// and without its body.
    static func head(of response: Response) async throws -> Response {
        let body = try await ResponseBuilder.collect(response.body)
        var headers = response.headers
        headers[.contentLength] = String(body.count)
        return Response(status: response.status, headers: headers, body: ResponseBody())
    }

    /// The contract's fixed paths and the one method each accepts; other methods get 405.
    static let methodTable: [(String, HTTPRequest.Method)] = [
        ("/v1/models", .get), ("/v1/chat/completions", .post), ("/v1/completions", .post), ("/v1/responses", .post),
        ("/v1/embeddings", .post), ("/v1/rerank", .post), ("/v1/images/generations", .post), ("/v1/images/edits", .post),
        ("/v1/audio/speech", .post), ("/v1/audio/transcriptions", .post), ("/v1/messages", .post),
    ]

    /// The methods the generic proxy forwards.
    static let proxyMethods: [HTTPRequest.Method] = [.get, .post, .put, .delete, .patch, .head, .options]

    static let commonMethods: [HTTPRequest.Method] = [.get, .post, .put, .delete, .patch]

    /// The gateway as a Hummingbird application listening on `host:port` (0 for any free port);
    /// `onServerRunning` receives the port actually bound.
    public func application(
        host: String = "127.0.0.1", port: Int = 8080, logger: Logger = Logger(label: "conform-mock", factory: DeferredMetadataLogHandler.init),
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(),
            server: configuration.inboundTimeouts.server(handlers: {
                [MalformedRequestAnswer { message in (ErrorEnvelope.malformedHTTP(message).serialized(), "application/json") }, ClientDeparture()]
            }),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            services: backgroundServices,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }
}

import ConformContract
import ConformJSON
import ServerScope
import UpstreamWorkers
import Workers

/// Everything `conform mock` can be told: the models it serves, the API keys it accepts, the seed
/// and clock behind its answers, the request body limit, the streaming pace, the deviations
/// switched on, the emulated server, the response memo, how upstream engines are probed, how much
/// work one request may ask for, and how long clients may take to send.
public struct MockConfiguration: Sendable, Hashable {
    public var models: [ModelConfiguration]
    /// Accepted keys; when empty, only ``defaultAPIKey`` is accepted.
    public var apiKeys: [String]
    public var seed: UInt64
    public var clock: WorkerClock
    /// The largest request body accepted, in bytes; larger ones get 413.
    public var bodyLimit: Int
    public var pace: StreamingPace
    public var deviations: Set<Deviation>
    public var emulation: Emulation
    /// How often and how patiently the engines of models with an `upstream` are probed.
    public var healthProbe: HealthProbeSettings
    /// How many answers the response memo keeps for repeated requests (rerank and embeddings);
    /// 0, the default, computes every answer.
    public var responseMemoEntries: Int
    /// How much work one request may ask of the deterministic engines.
    public var limits: RequestLimits
    /// How long idle, slow and stalled clients are waited for.
    public var inboundTimeouts: InboundTimeouts
    /// How many heavy requests are computed at once, and how many may wait for a turn.
    public var heavyWork: HeavyWorkPool.Settings
    /// Whether a request naming an unknown model is served by a model of the right kind
    /// (``AnyModelSubstitution``) instead of 404.
    public var anyModel = false
    /// Scripted answers (``Stub``), in order; the admin API can add more.
    public var stubs: [Stub] = []
    /// Faults injected at random, repeatably by the seed.
    public var faults: [ConfiguredFault] = []
    /// Replaying recordings: a request no stub answers gets 404 instead of a generated answer.
    public var stubsOnly = false
    /// Whether recorded event delays are kept when answering from stubs (false: full speed).
    public var keepsEventDelays = true
    /// The admin API: nil when off; otherwise on, with its key (nil: no key needed).
    public var admin: AdminSettings?
    /// The request journal: on with the admin API, or with a file to append to.
    public var journalFile: String?
    /// How many exchanges the journal keeps in memory.
    public var journalCapacity = 10_000
    /// One line per request on standard error, in this format; nil for none.
    public var requestLogFormat: RequestLog.Format?
    /// Whether `/metrics` counts the exchanges.
    public var metrics = true
    /// The OpenAPI document served at `GET /openapi.json` (``OpenAPIDocument``); nil when the
    /// schemas it is assembled from were not found.
    public var openAPIDocument: JSON?

    /// The key accepted when none is configured, printed at start-up.
    public static let defaultAPIKey = "conform-mock-key"
    /// 32 MiB, as Anthropic allows; GPUStack's gateway allows 100 MiB.
    public static let defaultBodyLimit = 32 << 20

    public init(
        models: [ModelConfiguration] = ModelConfiguration.defaults, apiKeys: [String] = [], seed: UInt64 = 0,
        clock: WorkerClock = .fixed(WorkerClock.defaultInstant), bodyLimit: Int = MockConfiguration.defaultBodyLimit,
        pace: StreamingPace = .immediate, deviations: Set<Deviation> = [], emulation: Emulation = .none,
        responseMemoEntries: Int = 0, healthProbe: HealthProbeSettings = HealthProbeSettings(),
        limits: RequestLimits = RequestLimits(), inboundTimeouts: InboundTimeouts = InboundTimeouts(),
        heavyWork: HeavyWorkPool.Settings = HeavyWorkPool.Settings()
    ) {
        self.heavyWork = heavyWork
        self.limits = limits
        self.inboundTimeouts = inboundTimeouts
        self.models = models
        self.apiKeys = apiKeys
        self.seed = seed
        self.clock = clock
        self.bodyLimit = bodyLimit
        self.pace = pace
        self.deviations = deviations
        self.emulation = emulation
        self.responseMemoEntries = responseMemoEntries
        self.healthProbe = healthProbe
    }

    /// The names of the models each contract path serves, e.g. `/v1/rerank` → the rerank models.
    public var modelsByPath: [String: [String]] {
        var paths: [String: [String]] = [:]
        for row in ContractRow.allCases {
            guard let path = row.path, let kind = row.kind else { continue }
            paths[path] = models.filter { $0.kinds.contains(kind) }.map(\.name)
        }
        return paths
    }

    /// The keys requests may present.
    public var acceptedKeys: [String] { apiKeys.isEmpty ? [Self.defaultAPIKey] : apiKeys }

    /// Whether the mock falls back to the documented default key.
    public var usesDefaultKey: Bool { apiKeys.isEmpty }

    /// The settings every deterministic engine of this mock shares.
    public var workerSettings: DeterministicWorker.Settings {
        DeterministicWorker.Settings(seed: seed, clock: clock, pace: pace, limits: limits)
    }

    /// Sends every model without an upstream of its own to the engine at `url`, under its own name.
    public mutating func forwardAll(to url: UpstreamURL, token: String? = nil) {
        for index in models.indices where models[index].upstream == nil {
            models[index].upstream = UpstreamTarget(url: url, token: token)
        }
    }

    /// The first model serving `kind`.
    public func model(serving kind: ModelKind) -> ModelConfiguration? {
        models.first { $0.kinds.contains(kind) }
    }

    /// The roles this mock's models play for the suite: each role's first kind picks the first
    /// model serving it, and a route role takes that model's route id.
    public var roleMapping: RoleMapping {
        var mapping = RoleMapping()
        for role in ModelRole.allCases {
            if let kind = role.kinds.first, let model = model(serving: kind) { mapping.models[role] = model.name }
        }
        for role in RouteRole.allCases {
            if let kind = role.modelRole.kinds.first, let route = model(serving: kind)?.routeID { mapping.routes[role] = String(route) }
        }
        return mapping
    }
}

/// The admin API's settings: on, and with this key when one is set.
public struct AdminSettings: Sendable, Hashable {
    public var key: String?

    public init(key: String? = nil) {
        self.key = key
    }
}

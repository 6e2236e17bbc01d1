import Workers

/// Everything `conform mock` can be told: the models it serves, the API keys it accepts, the seed
/// and clock behind its answers, the request body limit, the streaming pace, the deviations
/// switched on, the emulated server and the response memo.
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
    /// How many answers the response memo keeps for repeated requests (rerank and embeddings);
    /// 0, the default, computes every answer.
    public var responseMemoEntries: Int

    /// The key accepted when none is configured, printed at start-up.
    public static let defaultAPIKey = "conform-mock-key"
    /// 32 MiB, as Anthropic allows; GPUStack's gateway allows 100 MiB.
    public static let defaultBodyLimit = 32 << 20

    public init(
        models: [ModelConfiguration] = ModelConfiguration.defaults, apiKeys: [String] = [], seed: UInt64 = 0,
        clock: WorkerClock = .fixed(WorkerClock.defaultInstant), bodyLimit: Int = MockConfiguration.defaultBodyLimit,
        pace: StreamingPace = .immediate, deviations: Set<Deviation> = [], emulation: Emulation = .none,
        responseMemoEntries: Int = 0
    ) {
        self.models = models
        self.apiKeys = apiKeys
        self.seed = seed
        self.clock = clock
        self.bodyLimit = bodyLimit
        self.pace = pace
        self.deviations = deviations
        self.emulation = emulation
        self.responseMemoEntries = responseMemoEntries
    }

    /// The keys requests may present.
    public var acceptedKeys: [String] { apiKeys.isEmpty ? [Self.defaultAPIKey] : apiKeys }

    /// Whether the mock falls back to the documented default key.
    public var usesDefaultKey: Bool { apiKeys.isEmpty }

    /// The settings every deterministic engine of this mock shares.
    public var workerSettings: DeterministicWorker.Settings {
        DeterministicWorker.Settings(seed: seed, clock: clock, pace: pace)
    }

    /// The first model serving `kind`, which a runner maps its roles to.
    public func model(serving kind: ModelKind) -> ModelConfiguration? {
        models.first { $0.kinds.contains(kind) }
    }
}

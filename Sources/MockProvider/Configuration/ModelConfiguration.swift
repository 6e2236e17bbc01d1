import ConformContract
import UpstreamWorkers
import Workers

/// One model the mock serves: its public name, what it serves, its embedding size, whether and how
/// the generic proxy reaches its upstream, and the real engine that serves it, if any.
public struct ModelConfiguration: Sendable, Hashable {
    public var name: String
    public var kinds: Set<ModelKind>
    /// The native vector size of an embedding model.
    public var dimensions: Int
    /// Whether `dimensions` may ask for shorter vectors.
    public var customDimensions: Bool
    /// The numeric id of the model route, used by the path form of the generic proxy.
    public var routeID: Int?
    /// Whether `/model/proxy/...` may reach this model's upstream.
    public var genericProxy: Bool
    /// The upstream paths the generic proxy may reach; nil for every path the upstream serves.
    public var upstreamPaths: [String]?
    /// The engine that serves this model over HTTP; nil for the deterministic in-process engine.
    public var upstream: UpstreamTarget?

    public init(
        name: String, kinds: Set<ModelKind>, dimensions: Int = 1024, customDimensions: Bool = false, routeID: Int? = nil,
        genericProxy: Bool = false, upstreamPaths: [String]? = nil, upstream: UpstreamTarget? = nil
    ) {
        self.name = name
        self.kinds = kinds
        self.dimensions = dimensions
        self.customDimensions = customDimensions
        self.routeID = routeID
        self.genericProxy = genericProxy
        self.upstreamPaths = upstreamPaths
        self.upstream = upstream
    }

    /// The engine profile of this model's deterministic upstream.
    public var engineProfile: EngineModelProfile {
        EngineModelProfile(
            name: name, capabilities: kinds, embeddingDimensions: dimensions,
            supportsCustomDimensions: customDimensions, servedPaths: upstreamPaths.map(Set.init))
    }

    /// The models the GPUStack docs and the suite's fixtures name.
    public static let defaults: [ModelConfiguration] = [
        ModelConfiguration(name: "qwen3", kinds: [.chat, .completions, .responses, .messages]),
        ModelConfiguration(
            name: "bge-m3", kinds: [.embeddings], dimensions: 1024, customDimensions: true, routeID: 42, genericProxy: true),
        ModelConfiguration(name: "bge-reranker-v2-m3", kinds: [.rerank]),
        ModelConfiguration(name: "stable-diffusion-3.5-medium", kinds: [.images, .imageEdits]),
        ModelConfiguration(name: "cosyvoice-300m", kinds: [.speech]),
        ModelConfiguration(name: "whisper-large-v3-turbo", kinds: [.transcriptions]),
        ModelConfiguration(name: "proxy-echo", kinds: [.echo], routeID: 43, genericProxy: true),
    ]
}

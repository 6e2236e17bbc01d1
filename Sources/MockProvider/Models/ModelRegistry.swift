import ConformContract
import Workers

/// One served model: its configuration and the engine that computes for it.
public struct ModelDeployment: Sendable {
    public let configuration: ModelConfiguration
    public let worker: any InferenceWorker

    public init(configuration: ModelConfiguration, worker: any InferenceWorker) {
        self.configuration = configuration
        self.worker = worker
    }

    public var name: String { configuration.name }
}

/// Finds deployments by model name (the body's `model`, the `X-GPUStack-Model` header) and by
/// route id (the generic proxy's path form).
struct ModelRegistry: Sendable {
    let deployments: [ModelDeployment]
    private let byName: [String: ModelDeployment]
    private let byRouteID: [Int: ModelDeployment]

    init(_ deployments: [ModelDeployment]) {
        self.deployments = deployments
        byName = Dictionary(deployments.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        byRouteID = Dictionary(
            deployments.compactMap { deployment in deployment.configuration.routeID.map { ($0, deployment) } },
            uniquingKeysWith: { first, _ in first })
    }

    func deployment(named name: String) -> ModelDeployment? {
        byName[name]
    }

    func deployment(routeID: Int) -> ModelDeployment? {
        byRouteID[routeID]
    }

    func first(serving kind: ModelKind) -> ModelDeployment? {
        deployments.first { $0.configuration.kinds.contains(kind) }
    }
}

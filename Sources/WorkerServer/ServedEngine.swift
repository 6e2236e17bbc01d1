import Workers

/// One model a ``WorkerServer`` serves, and the engine that computes its answers.
public struct ServedEngine: Sendable {
    public let name: String
    public let worker: any InferenceWorker

    public init(name: String, worker: any InferenceWorker) {
        self.name = name
        self.worker = worker
    }
}

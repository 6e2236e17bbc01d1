import Workers

/// An engine behind the deviations' upstream rewrites: what a route sends is rewritten before the
/// engine sees it; everything else is the engine's own.
struct DeviatingWorker: InferenceWorker {
    let worker: any InferenceWorker
    let hooks: [@Sendable (inout WorkerRequest) -> Void]

    func respond(to request: WorkerRequest) async throws -> WorkerResponse {
        var request = request
        for hook in hooks { hook(&request) }
        return try await worker.respond(to: request)
    }

    var readiness: WorkerReadiness { worker.readiness }
    var isDeterministic: Bool { worker.isDeterministic }
}

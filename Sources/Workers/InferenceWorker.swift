/// The seam between the gateway and whatever computes: an inference engine with the vLLM-style
/// HTTP API (`/v1/chat/completions`, `/v1/completions`, `/v1/responses`, `/v1/embeddings`,
/// `/v1/rerank`, `/v1/audio/*`, `/v1/images/*`, TEI `/embed`), spoken in HTTP terms so that an
/// in-process engine and one reached over the network are interchangeable.
///
/// Engines answer protocol-level problems (a bad field, an unknown model name) with an error
/// response, as a real engine would; they throw only when no response could be obtained at all,
/// for instance when a remote engine is unreachable (``WorkerUnavailable``).
public protocol InferenceWorker: Sendable {
    func respond(to request: WorkerRequest) async throws -> WorkerResponse

    /// Whether the engine can take requests now. A gateway leaves a model that is not ready out of
    /// its model list and answers its requests with 503 without calling ``respond(to:)``.
    var readiness: WorkerReadiness { get }

    /// Whether the same request always gets the same answer, so a gateway may remember answers.
    var isDeterministic: Bool { get }
}

extension InferenceWorker {
    /// In-process engines are always ready.
    public var readiness: WorkerReadiness { .ready }

    /// An engine promises nothing about repeating itself unless it says so.
    public var isDeterministic: Bool { false }
}

/// Thrown by a worker that could not produce any response: the gateway answers 503, or 504 when
/// `timedOut` is set.
public struct WorkerUnavailable: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    public var timedOut: Bool
    /// When the engine is only busy: the seconds after which a retry is worth trying.
    public var retryAfterSeconds: Int?

    public init(reason: String, timedOut: Bool = false, retryAfterSeconds: Int? = nil) {
        self.reason = reason
        self.timedOut = timedOut
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String { reason }
}

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
}

/// Thrown by a worker that could not produce any response: the gateway answers 503, or 504 when
/// `timedOut` is set.
public struct WorkerUnavailable: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    public var timedOut: Bool

    public init(reason: String, timedOut: Bool = false) {
        self.reason = reason
        self.timedOut = timedOut
    }

    public var description: String { reason }
}

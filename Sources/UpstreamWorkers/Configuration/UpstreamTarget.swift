/// Where one model's engine runs and how the gateway talks to it: the engine's root URL, the name
/// the engine serves the model under, the token the engine expects, how long to wait, and the path
/// that says whether the engine is up.
public struct UpstreamTarget: Sendable, Hashable {
    public var url: UpstreamURL
    /// The name the engine knows the model by (vLLM's `--served-model-name`); requests' `model` is
    /// rewritten to it. Nil keeps the gateway's name.
    public var servedModelName: String?
    /// Sent as the engine's `Authorization: Bearer`; the client's own credentials never travel.
    public var token: String?
    public var timeouts: UpstreamTimeouts
    /// Answers 2xx while the engine can serve (`/health` on vLLM, SGLang, llama.cpp and TEI).
    public var healthPath: String

    public static let defaultHealthPath = "/health"

    public init(
        url: UpstreamURL, servedModelName: String? = nil, token: String? = nil, timeouts: UpstreamTimeouts = UpstreamTimeouts(),
        healthPath: String = UpstreamTarget.defaultHealthPath
    ) {
        self.url = url
        self.servedModelName = servedModelName
        self.token = token
        self.timeouts = timeouts
        self.healthPath = healthPath
    }
}

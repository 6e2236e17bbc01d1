/// One engine the gateway forwards to, identified by its URL, health path and token: the models it
/// serves share its health record and its probe.
final class UpstreamEngine: Sendable {
    struct Identity: Hashable {
        var url: UpstreamURL
        var healthPath: String
        var token: String?
    }

    let identity: Identity
    /// The connect timeout of the first model registered on this engine, used by its probe.
    let connectTimeout: Duration
    let health = EngineHealth()

    init(identity: Identity, connectTimeout: Duration) {
        self.identity = identity
        self.connectTimeout = connectTimeout
    }

    var url: UpstreamURL { identity.url }
}

/// Limits and TLS settings for one transfer.
public struct TransferOptions: Sendable, Hashable {
    /// How long to wait for the TCP (and TLS) connection.
    public var connectTimeout: Duration
    /// How long the whole exchange may take, body included; nil for no limit.
    public var totalTimeout: Duration?
    /// The most response-body bytes accepted; beyond this the transfer fails with ``TransportError/Kind/bodyTooLarge``.
    public var maxBodyBytes: Int
    public var tls: TLSOptions
    /// Whether the connection may be kept for later requests. Off by default: each exchange then
    /// stands alone, so a server that drops idle connections cannot make an unrelated case fail.
    public var reuseConnection: Bool

    public init(
        connectTimeout: Duration = .seconds(10),
        totalTimeout: Duration? = .seconds(60),
        maxBodyBytes: Int = 64 << 20,
        tls: TLSOptions = TLSOptions(),
        reuseConnection: Bool = false
    ) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxBodyBytes = maxBodyBytes
        self.tls = tls
        self.reuseConnection = reuseConnection
    }
}

/// How server certificates are checked for `https` targets.
public struct TLSOptions: Sendable, Hashable {
    /// A PEM bundle of certificate authorities to trust instead of the system's.
    public var caFile: String?
    /// Skips certificate and host-name verification; for test deployments with self-signed certificates.
    public var insecure: Bool

    public init(caFile: String? = nil, insecure: Bool = false) {
        self.caFile = caFile
        self.insecure = insecure
    }
}

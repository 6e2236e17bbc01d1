/// How long the gateway waits on an engine. Going past `connect` makes the engine unreachable
/// (503); past `request` or `streamSilence`, too slow (504, or an in-stream error once a stream
/// has begun).
public struct UpstreamTimeouts: Sendable, Hashable {
    /// Establishing the connection.
    public var connect: Duration
    /// Until the response head arrives; for an answer that is not a stream, until its last byte.
    public var request: Duration
    /// The longest wait for the next bytes of a stream, the first token included.
    public var streamSilence: Duration

    public init(connect: Duration = .seconds(10), request: Duration = .seconds(600), streamSilence: Duration = .seconds(120)) {
        self.connect = connect
        self.request = request
        self.streamSilence = streamSilence
    }
}

/// How long the gateway waits on an engine. Going past `connect` makes the engine unreachable
/// (503); past `request` or `streamSilence`, too slow (504, or an in-stream error once a stream
/// has begun).
public struct UpstreamTimeouts: Sendable, Hashable {
    /// Establishing the connection.
    public var connect: Duration
    /// Until the response head arrives; for an answer that is not a stream, until its last byte.
    /// Also the longest silence of an answer the generic proxy relays.
    public var request: Duration
    /// For a request that asks for a stream (`"stream": true`), the longest wait for the next
    /// bytes, the response head and the first token included.
    public var streamSilence: Duration

    public init(connect: Duration = .seconds(10), request: Duration = .seconds(600), streamSilence: Duration = .seconds(120)) {
        self.connect = connect
        self.request = request
        self.streamSilence = streamSilence
    }
}

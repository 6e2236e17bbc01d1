/// How much work one request may ask of an engine. A request beyond a limit is refused with 400
/// before the work starts, naming the field and the limit, so that no single request can stop or
/// swamp the server.
public struct RequestLimits: Sendable, Hashable {
    /// Bounds on the JSON a client's schema makes the engine generate (structured replies and
    /// tool-call arguments).
    public var generation: JSONInstanceGenerator.Limits

    public init(generation: JSONInstanceGenerator.Limits = .init()) {
        self.generation = generation
    }
}

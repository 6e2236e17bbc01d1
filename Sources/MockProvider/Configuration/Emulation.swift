/// Which real server's quirks the mock reproduces instead of the upstream specifications' shapes.
public enum Emulation: String, Sendable, Hashable, CaseIterable {
    /// Error envelopes and behaviour as the OpenAI, Anthropic and Jina specifications describe.
    case none
    /// The shapes and codes GPUStack 2.x really returns (see README, "Emulation").
    case gpustack
}

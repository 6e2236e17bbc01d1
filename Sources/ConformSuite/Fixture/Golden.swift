import ConformJSON

/// The exact answer the deterministic mock gives to a fixture's request, stored next to the
/// fixture and compared only against targets declared deterministic.
public struct Golden: Sendable, Hashable {
    /// How the golden is compared, decided by its file extension.
    public enum Kind: String, Sendable, Hashable {
        /// `.json`: compared as JSON values, differences listed by pointer.
        case json
        /// `.sse`: compared event by event, the first differing event shown.
        case eventStream
        /// Anything else (`.wav`, `.txt`, ...): compared byte for byte.
        case bytes
    }

    /// The golden file relative to the fixtures directory.
    public var file: String
    public var bytes: [UInt8]

    public init(file: String, bytes: [UInt8]) {
        self.file = file
        self.bytes = bytes
    }

    public var kind: Kind { Self.kind(ofFile: file) }

    public static func kind(ofFile file: String) -> Kind {
        if file.hasSuffix(".json") { return .json }
        if file.hasSuffix(".sse") { return .eventStream }
        return .bytes
    }
}

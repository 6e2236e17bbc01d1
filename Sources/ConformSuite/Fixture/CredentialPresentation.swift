/// How a fixture's request presents the API key: the documented Bearer header (or with the scheme
/// in lowercase, which HTTP makes equivalent), the `X-API-Key` header, no key at all, or a
/// well-formed key the server cannot know.
public enum CredentialPresentation: String, Sendable, Hashable, CaseIterable {
    case bearer
    case bearerLowercase = "bearer-lowercase"
    case xAPIKey = "x-api-key"
    case none
    case wrongKey = "wrong-key"
    case wrongXAPIKey = "wrong-x-api-key"

    /// A key in GPUStack's generated format (`gpustack_<16 hex>_<32 hex>`) that no server issues:
    /// all zeros. It is not a secret, so reports show it as it is.
    public static let unknownKey = "gpustack_0000000000000000_00000000000000000000000000000000"

    /// Whether the request carries the configured key, so cannot be sent without one.
    public var needsKey: Bool {
        self == .bearer || self == .bearerLowercase || self == .xAPIKey
    }

    /// Whether a conforming server must refuse the request for its credentials.
    public var mustBeRefused: Bool {
        self == .none || self == .wrongKey || self == .wrongXAPIKey
    }

    /// The header carrying the credential, given the configured key; nil when none is sent.
    public func header(key: String) -> HeaderLine? {
        switch self {
        case .bearer: HeaderLine(name: "Authorization", value: "Bearer \(key)")
        case .bearerLowercase: HeaderLine(name: "Authorization", value: "bearer \(key)")
        case .xAPIKey: HeaderLine(name: "X-API-Key", value: key)
        case .none: nil
        case .wrongKey: HeaderLine(name: "Authorization", value: "Bearer \(Self.unknownKey)")
        case .wrongXAPIKey: HeaderLine(name: "X-API-Key", value: Self.unknownKey)
        }
    }
}

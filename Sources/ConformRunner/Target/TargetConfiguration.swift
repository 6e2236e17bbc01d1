import ConformContract
import ConformHTTP
import ConformReport
import ConformSuite
import Foundation

/// The server a run checks: where it is, the key it is called with, which models and routes
/// play the fixtures' roles, how its certificate is checked, and whether it is deterministic
/// (so goldens are compared).
public struct TargetConfiguration: Sendable {
    /// The base URL without a trailing slash, e.g. `https://gpustack.example.com`.
    public var baseURL: String
    /// The API key the fixtures present; never written to a report or log.
    public var apiKey: String?
    public var roles: RoleMapping
    public var tls: TLSOptions
    /// Whether goldens are compared: the target claims to answer exactly as the mock does.
    public var deterministic: Bool
    /// Whether the target is the mock this run started.
    public var embeddedMock: Bool

    /// Checks the base URL: http or https, a host, no query or fragment.
    public init(
        baseURL: String, apiKey: String?, roles: RoleMapping, tls: TLSOptions = TLSOptions(), deterministic: Bool = false,
        embeddedMock: Bool = false
    ) throws(TargetConfigurationError) {
        guard let url = URL(string: baseURL), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty
        else {
            throw TargetConfigurationError(message: "--base-url '\(baseURL)' is not an http:// or https:// URL with a host")
        }
        guard url.query == nil, url.fragment == nil else {
            throw TargetConfigurationError(message: "--base-url '\(baseURL)' must not carry a query or fragment")
        }
        var trimmed = baseURL
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.baseURL = trimmed
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : $0 }
        self.roles = roles
        self.tls = tls
        self.deterministic = deterministic
        self.embeddedMock = embeddedMock
    }

    /// The host of the base URL, for report folder names.
    public var host: String {
        URL(string: baseURL)?.host ?? "target"
    }

    /// Removes the API key from anything recorded about this target.
    public var scrubber: SecretScrubber {
        SecretScrubber(secrets: [apiKey].compactMap { $0 })
    }

    /// The full URL of a fixture path.
    public func url(for path: String) -> String {
        baseURL + path
    }
}

/// Why a target cannot be used as configured.
public struct TargetConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}

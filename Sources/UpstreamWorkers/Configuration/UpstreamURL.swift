import Foundation

/// An engine's root URL, `http(s)://host[:port][/prefix]`, to which engine paths such as
/// `/v1/chat/completions` and TEI's `/embed` are appended.
public struct UpstreamURL: Sendable, Hashable, CustomStringConvertible {
    /// Why a text is not an engine root URL.
    public struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        public var text: String
        public var reason: String
        public var description: String { "'\(text)' is not an engine URL: \(reason)" }
    }

    /// Scheme, host, port and path prefix, without a trailing slash.
    public let root: String

    public init(_ text: String) throws(Invalid) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw Invalid(text: text, reason: "expected http://host:port")
        }
        guard scheme == "http" || scheme == "https" else {
            throw Invalid(text: text, reason: "the scheme must be http or https (as in http://host:port), not '\(scheme)'")
        }
        guard let host = components.host?.lowercased(), !host.isEmpty else {
            throw Invalid(text: text, reason: "it names no host")
        }
        guard components.query == nil, components.fragment == nil else {
            throw Invalid(text: text, reason: "an engine root takes no query or fragment")
        }
        guard components.user == nil, components.password == nil else {
            throw Invalid(text: text, reason: "put credentials in the upstream's token, not in the URL")
        }
        var path = components.path
        while path.hasSuffix("/") { path.removeLast() }
        // OpenAI clients take base URLs ending in /v1; engine paths carry their own /v1.
        if path.hasSuffix("/v1") {
            throw Invalid(
                text: text, reason: "give the engine's root without /v1 (paths such as /v1/chat/completions are appended)")
        }
        let authority = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        root = "\(scheme)://\(authority)\(components.port.map { ":\($0)" } ?? "")\(path)"
    }

    /// The URL of an engine path (starting with `/`) with an optional raw query.
    public func url(path: String, query: String? = nil) -> String {
        guard let query else { return root + path }
        return root + path + "?" + query
    }

    public var description: String { root }
}

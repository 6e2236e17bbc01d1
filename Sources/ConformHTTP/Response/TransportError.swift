/// Why an exchange did not complete, in terms a verdict can use: the target refused the connection,
/// went silent, sent too much, broke the protocol or hung up.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// No connection: refused, unresolvable or unroutable.
        case connectFailed
        /// The connection was not established within the connect timeout.
        case connectTimedOut
        /// The exchange did not finish within the total timeout.
        case timedOut
        /// No event arrived on an event stream within the allowed wait.
        case eventWaitExceeded
        /// The body was larger than the allowed maximum.
        case bodyTooLarge
        /// The peer closed or reset the connection before the response was complete.
        case connectionLost
        /// The response was not valid HTTP.
        case protocolViolation
        /// Certificate verification or the TLS handshake failed.
        case tls
        /// The request could not be built, for instance a malformed URL.
        case invalidRequest
        case other
    }

    public var kind: Kind
    public var message: String
    /// libcurl's CURLcode, when libcurl reported the failure.
    public var curlCode: Int?

    public init(kind: Kind, message: String, curlCode: Int? = nil) {
        self.kind = kind
        self.message = message
        self.curlCode = curlCode
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}

/// Why a streamed answer stopped before the server ended it cleanly, as evidence the checks and
/// the report can name: the reader's own limits (the timeout, the event cap, the wait for the next
/// event) or what the connection did.
public struct StreamInterruption: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The stream went on past the exchange's timeout.
        case timedOut
        /// No event arrived within the allowed wait.
        case eventWaitExceeded
        /// The stream sent more events than the runner reads.
        case tooManyEvents
        /// The body grew past the size limit.
        case bodyTooLarge
        /// The server closed or reset the connection mid-stream.
        case connectionLost
        /// The bytes were not valid HTTP.
        case protocolViolation
        case other
    }

    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}

import AsyncHTTPClient
import NIOCore
import NIOPosix
import Workers

#if canImport(Glibc)
    import Glibc
#endif

/// Reads what went wrong talking to an engine: whether it was unreachable (so not ready), too slow,
/// or broke off, in words a client can act on.
enum UpstreamFailure {
    /// Whether `error` means no connection could be made: refused, unroutable, unresolvable, or not
    /// established within the connect timeout.
    static func isConnectFailure(_ error: any Error) -> Bool {
        if let client = error as? HTTPClientError {
            return client == .connectTimeout || client == .tlsHandshakeTimeout || client == .socksHandshakeTimeout
                || client == .httpProxyHandshakeTimeout
        }
        if error is NIOConnectionError || error is SocketAddressError { return true }
        if let channel = error as? ChannelError, case .connectTimeout = channel { return true }
        if let io = error as? IOError {
            return [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, ETIMEDOUT, EADDRNOTAVAIL].contains(io.errnoCode)
        }
        return false
    }

    /// Whether `error` means the connection closed before any answer: an engine going away, or a
    /// kept-alive connection it closed just as the request was sent.
    static func isStaleConnection(_ error: any Error) -> Bool {
        if (error as? HTTPClientError) == .remoteConnectionClosed { return true }
        if let io = error as? IOError { return io.errnoCode == ECONNRESET || io.errnoCode == EPIPE }
        return false
    }

    /// A short phrase for an error, without the type names of the libraries involved.
    static func phrase(_ error: any Error) -> String {
        if let client = error as? HTTPClientError {
            switch client {
            case .connectTimeout: return "the connection was not established in time"
            case .remoteConnectionClosed: return "the engine closed the connection"
            case .deadlineExceeded: return "the engine did not answer in time"
            case .readTimeout: return "the engine stopped sending"
            case .cancelled: return "the request was cancelled"
            default: return "\(client)"
            }
        }
        if let connection = error as? NIOConnectionError {
            if let first = connection.connectionErrors.first { return phrase(first.error) }
            if let resolution = connection.dnsAAAAError ?? connection.dnsAError {
                return "the host name did not resolve (\(resolution))"
            }
            return "no address of \(connection.host) accepted the connection"
        }
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: return "connection refused"
            case EHOSTUNREACH, ENETUNREACH: return "no route to the host"
            case ECONNRESET: return "the connection was reset"
            case ETIMEDOUT: return "the connection timed out"
            default: return String(cString: strerror(io.errnoCode)).lowercased()
            }
        }
        if let channel = error as? ChannelError, case .connectTimeout = channel {
            return "the connection was not established in time"
        }
        return "\(error)"
    }

    static func describe(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds < 1000 || milliseconds % 1000 != 0 { return "\(milliseconds) ms" }
        return "\(milliseconds / 1000) s"
    }
}

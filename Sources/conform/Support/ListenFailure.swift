import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a server could not listen, in plain words: a port in use, a privileged port, an address
/// that is not this machine's; anything else as NIO reported it.
enum ListenFailure {
    static func message(_ error: any Error, server: String, host: String, port: Int) -> String {
        let prefix = "the \(server) could not listen on \(host):\(port)"
        guard let io = error as? IOError else { return "\(prefix): \(error)" }
        switch io.errnoCode {
        case EADDRINUSE:
            return "\(prefix): port \(port) is already in use by another program; stop it, or pick another port with --port (0 picks a free one)"
        case EACCES:
            return "\(prefix): port \(port) needs privileges this user lacks; use a port above 1023"
        case EADDRNOTAVAIL:
            return "\(prefix): \(host) is not an address of this machine; use 127.0.0.1, or 0.0.0.0 for every interface"
        default:
            return "\(prefix): \(io)"
        }
    }
}

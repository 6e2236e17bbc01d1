import NIOCore
import NIOHTTPTypes

/// Closes a connection whose client has stopped sending (its end of the connection shut): an HTTP
/// client does that when it gives up on a request, and a closed connection is how the work for it
/// learns to stop (``ConnectionContext/whileConnected(_:)``). A client that only half-closes while
/// waiting for its answer, which HTTP clients do not do, loses that answer.
public final class ClientDeparture: ChannelInboundHandler, RemovableChannelHandler {
    public typealias InboundIn = HTTPRequestPart

    public init() {}

    public func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .inputClosed = event as? ChannelEvent {
            context.close(promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }
}

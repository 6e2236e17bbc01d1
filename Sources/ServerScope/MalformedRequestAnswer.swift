import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request the HTTP layer cannot parse (both `Content-Length` and `Transfer-Encoding`,
/// two lengths, a negative one, a broken chunk) with a 400 whose body is the server's own error
/// envelope, instead of an empty 400, then closes the connection: after a framing error nothing
/// more on it can be read reliably. It sits after the HTTP codec in the channel pipeline.
public final class MalformedRequestAnswer: ChannelInboundHandler, RemovableChannelHandler {
    public typealias InboundIn = HTTPRequestPart
    public typealias OutboundOut = HTTPResponsePart

    /// The body for a parse failure described by its argument, and its media type.
    let envelope: @Sendable (String) -> (body: [UInt8], contentType: String)
    private var answered = false

    public init(envelope: @escaping @Sendable (String) -> (body: [UInt8], contentType: String)) {
        self.envelope = envelope
    }

    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parseError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        guard !answered else { return }
        answered = true
        let (body, contentType) = envelope("The request is not valid HTTP/1.1: \(Self.describe(parseError)).")
        var head = HTTPResponse(status: .badRequest)
        head.headerFields[.contentType] = contentType
        head.headerFields[.contentLength] = String(body.count)
        head.headerFields[.connection] = "close"
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: body))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }

    static func describe(_ error: HTTPParserError) -> String {
        switch error {
        case .unexpectedContentLength: "a Content-Length beside Transfer-Encoding, or more than one"
        case .invalidContentLength: "an invalid Content-Length"
        case .invalidChunkSize: "an invalid chunk size"
        case .headerOverflow: "headers too large"
        case .invalidHeaderToken: "an invalid header"
        case .invalidMethod: "an invalid method"
        case .invalidURL: "an invalid request target"
        case .invalidVersion: "an invalid HTTP version"
        default: "malformed framing (\(error))"
        }
    }
}


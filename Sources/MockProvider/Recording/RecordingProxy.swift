import AsyncHTTPClient
import ConformJSON
import Foundation
import HTTPTypes
import HTTPWire
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import ServerScope
import Synchronization

/// `conform mock --record DIR --upstream URL`: a reverse proxy in front of a real deployment that
/// relays every request as it came (the client's key included, so the deployment accepts it) and
/// every answer as it comes, streams event by event, and writes each exchange into DIR as a stub
/// (``ExchangeRecording``) that `--replay DIR` answers from. Keys are never written: a recording
/// holds no request header at all, and no `Set-Cookie`.
public struct RecordingProxy: HTTPResponder, Sendable {
    public typealias Context = ConnectionContext

    let target: String
    let recorder: ExchangeRecorder
    let client: HTTPClient
    let bodyLimit: Int

    /// Headers that belong to one hop, never relayed.
    static let hopByHop: Set<String> = [
        "host", "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer", "content-length",
    ]

    public init(target: String, directory: URL, bodyLimit: Int = 100 << 20) throws {
        self.target = target.hasSuffix("/") ? String(target.dropLast()) : target
        recorder = try ExchangeRecorder(directory: directory)
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(600))
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.bodyLimit = bodyLimit
    }

    public func respond(to request: Request, context: ConnectionContext) async throws -> Response {
        var request = request
        let body = Array(try await request.collectBody(upTo: bodyLimit).readableBytesView)
        var upstream = HTTPClientRequest(url: target + (request.head.path ?? "/"))
        upstream.method = HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headers where !Self.hopByHop.contains(field.name.canonicalName) {
            upstream.headers.add(name: field.name.rawName, value: field.value)
        }
        if !body.isEmpty { upstream.body = .bytes(ByteBuffer(bytes: body)) }
        let answer: HTTPClientResponse
        do {
            answer = try await client.execute(upstream, timeout: .seconds(600))
        } catch {
            let message: JSON = ["error": ["message": .string("The recorded deployment could not be reached: \(error)"), "type": "server_error", "param": .null, "code": "upstream_unreachable"]]
            return Response(status: .badGateway, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: message.serialized())))
        }
        var headers = HTTPFields()
        for header in answer.headers where !Self.hopByHop.contains(header.name.lowercased()) {
            if let name = HTTPField.Name(header.name) { headers.append(HTTPField(name: name, value: header.value)) }
        }
        let status = Int(answer.status.code)
        let recording = ExchangeRecording(
            method: request.method.rawValue, target: request.head.path ?? "/", contentType: request.headers[.contentType], body: body,
            status: status, headers: answer.headers.map { ($0.name, $0.value) })
        let recorder = self.recorder
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers,
            body: ResponseBody { writer in
                var capture = recording.capture()
                for try await chunk in answer.body {
                    capture.add(Array(chunk.readableBytesView))
                    try await writer.write(chunk)
                }
                try await writer.finish(nil)
                try recorder.write(capture.finished())
            })
    }

    /// Lets the HTTP client go.
    public func shutdown() async throws {
        try await client.shutdown()
    }
}

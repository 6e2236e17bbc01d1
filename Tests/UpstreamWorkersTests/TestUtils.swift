import ConformHTTP
import ConformJSON
import ConformTestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HTTPTypes
import HTTPWire
import Hummingbird
import Logging
import MockProvider
import NIOCore
import ServerTestSupport
import Synchronization
import UpstreamWorkers
import WorkerServer
import Workers

/// A server on 127.0.0.1 reached with a libcurl client that presents `key` (when set) and names
/// one fixed `Host`, so that URLs a gateway builds from it are the same whatever port it got.
struct LoopbackClient: Sendable {
    let port: Int
    var key: String? = MockConfiguration.defaultAPIKey
    let transport = Transport()

    static let host = "gateway.test"

    var baseURL: String { "http://127.0.0.1:\(port)" }

    var defaultHeaders: HeaderFields {
        var headers: HeaderFields = ["Host": Self.host]
        if let key { headers.add("Authorization", "Bearer \(key)") }
        return headers
    }

    func send(
        _ method: String, _ path: String, json: JSON? = nil, body: OutgoingBody? = nil, headers extra: HeaderFields = [:]
    ) async throws -> ReceivedResponse {
        try await transport.send(
            OutgoingRequest(method: method, url: baseURL + path, headers: headers(extra), body: json.map(OutgoingBody.json) ?? body))
    }

    /// A streamed POST: each event as it came, and the whole body.
    func stream(
        _ path: String, json: JSON, headers extra: HeaderFields = [:]
    ) async throws -> (events: [ServerSentEvent], body: String) {
        try await transport.collectEvents(OutgoingRequest(method: "POST", url: baseURL + path, headers: headers(extra), body: .json(json)))
    }

    /// The default headers with `extra` set over them.
    func headers(_ extra: HeaderFields) -> HeaderFields {
        var headers = defaultHeaders
        for field in extra { headers.set(field.name, field.value) }
        return headers
    }
}

/// Runs `body` against the gateway `configuration` describes (upstreams included), stopped afterwards.
func withGateway<Result: Sendable>(
    _ configuration: MockConfiguration, _ body: @Sendable (LoopbackClient) async throws -> Result
) async throws -> Result {
    try await withLiveServer(
        { report in
            MockGateway.configured(configuration, logger: quietLogger).application(
                host: "127.0.0.1", port: 0, logger: quietLogger, onServerRunning: report)
        },
        { port in try await body(LoopbackClient(port: port)) })
}

/// Runs `body` with `conform worker`'s server for the default models (or `configuration`'s) on
/// 127.0.0.1, at `port` or a free one.
func withWorkerServer<Result: Sendable>(
    _ configuration: MockConfiguration = MockConfiguration(), token: String? = nil, port: Int = 0,
    _ body: @Sendable (Int) async throws -> Result
) async throws -> Result {
    let server = WorkerServer(
        engines: configuration.models.map {
            ServedEngine(
                name: $0.name, worker: DeterministicWorker(profile: $0.engineProfile, settings: configuration.workerSettings))
        },
        token: token, clock: configuration.clock)
    return try await withLiveServer(
        { report in server.application(host: "127.0.0.1", port: port, logger: quietLogger, onServerRunning: report) }, body)
}

/// The default models, every one served by the engine at `port` under its own name.
func forwardingConfiguration(
    to port: Int, token: String? = nil, timeouts: UpstreamTimeouts = UpstreamTimeouts()
) throws -> MockConfiguration {
    var configuration = MockConfiguration(
        healthProbe: HealthProbeSettings(interval: .milliseconds(50), timeout: .seconds(5), maximumBackoff: .milliseconds(200)))
    configuration.forwardAll(to: try UpstreamURL("http://127.0.0.1:\(port)"), token: token)
    for index in configuration.models.indices { configuration.models[index].upstream?.timeouts = timeouts }
    return configuration
}

let quietLogger: Logger = {
    var logger = Logger(label: "conform-upstream-test")
    logger.logLevel = .critical
    return logger
}()

/// What a stand-in engine received.
struct RecordedRequest: Sendable {
    var method: String
    var path: String
    var query: String?
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    func json() throws -> JSON { try JSONParser().parse(body) }
}

/// Every request a stand-in engine received, in order.
final class RequestLog: Sendable {
    private let requests = Mutex<[RecordedRequest]>([])

    func append(_ request: RecordedRequest) { requests.withLock { $0.append(request) } }

    var all: [RecordedRequest] { requests.withLock { $0 } }
}

/// A stand-in engine on 127.0.0.1 that records every request and answers with `answer`.
func withRecordingEngine<Result: Sendable>(
    _ log: RequestLog, answer: @escaping @Sendable (RecordedRequest) -> Response,
    _ body: @Sendable (Int) async throws -> Result
) async throws -> Result {
    let responder = CallbackResponder<BasicRequestContext> { request, _ in
        var request = request
        let bytes = Array(try await request.collectBody(upTo: 64 << 20).readableBytesView)
        let recorded = RecordedRequest(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query,
            headers: request.headers.map { ($0.name.rawName, $0.value) }, body: bytes)
        log.append(recorded)
        return answer(recorded)
    }
    return try await withLiveServer(
        { report in
            Application(
                responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                onServerRunning: { channel in await report(channel.localAddress?.port ?? 0) }, logger: quietLogger)
        }, body)
}

/// A JSON answer from a stand-in engine.
func engineJSON(_ json: JSON, status: HTTPResponse.Status = .ok) -> Response {
    Response(
        status: status, headers: [.contentType: "application/json"],
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: json.serialized())))
}

/// An answer with any content type and body.
func engineBytes(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
        status: status, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(bytes: Array(text.utf8))))
}

/// A port nothing listens on right now: bound once, then released.
func unusedPort() throws -> Int {
    // Below the kernel's ephemeral range (32768 and up on Linux), which every server of the other
    // tests binds with port 0: a port found free there could be handed to one of them before this
    // test binds it again.
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<200 {
        let port = Int.random(in: 20_000..<32_000, using: &generator)
        if canBind(port) { return port }
    }
    throw ScriptedServerError.system("bind", EADDRINUSE)
}

private func canBind(_ port: Int) -> Bool {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    return bound == 0
}

/// Polls `condition` every 20 ms until it holds or `limit` passes; returns whether it held.
func eventually(within limit: Duration = .seconds(5), _ condition: @Sendable () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

let helloChat: JSON = ["model": "qwen3", "messages": [["role": "user", "content": "Hello!"]]]

let pandaRequest: JSON = [
    "model": "bge-reranker-v2-m3", "query": "What is a panda?", "top_n": 3,
    "documents": [
        "hi", "it is a bear",
        "The giant panda (Ailuropoda melanoleuca), sometimes called a panda bear or simply panda, is a bear species endemic to China.",
    ],
]

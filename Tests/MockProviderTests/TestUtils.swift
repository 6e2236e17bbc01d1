import ConformHTTP
import ConformJSON
import ConformTestSupport
import Foundation
import HTTPWire
import Logging
import MockProvider
import ServerTestSupport
import Workers

/// A running mock on 127.0.0.1 for one test, with a libcurl client that presents the key.
struct MockClient: Sendable {
    let port: Int
    let transport = Transport()

    var baseURL: String { "http://127.0.0.1:\(port)" }

    static let key = MockConfiguration.defaultAPIKey

    func send(
        _ method: String, _ path: String, json: JSON? = nil, body: OutgoingBody? = nil,
        headers: HeaderFields = ["Authorization": "Bearer \(MockClient.key)"]
    ) async throws -> ReceivedResponse {
        try await transport.send(
            OutgoingRequest(method: method, url: baseURL + path, headers: headers, body: json.map(OutgoingBody.json) ?? body))
    }

    /// Every event of a streamed response, with the whole body.
    func stream(_ path: String, json: JSON, headers: HeaderFields = ["Authorization": "Bearer \(MockClient.key)"]) async throws -> (events: [ServerSentEvent], body: String) {
        try await transport.collectEvents(OutgoingRequest(method: "POST", url: baseURL + path, headers: headers, body: .json(json)))
    }
}

/// Runs `body` against a mock built from `configuration` (deterministic engines), stopped afterwards.
func withMock<Result: Sendable>(
    _ configuration: MockConfiguration = MockConfiguration(), _ body: @Sendable (MockClient) async throws -> Result
) async throws -> Result {
    try await withLiveServer(
        { report in
            var logger = Logger(label: "conform-mock-test")
            logger.logLevel = .critical
            return MockGateway.deterministic(configuration).application(host: "127.0.0.1", port: 0, logger: logger, onServerRunning: report)
        },
        { port in try await body(MockClient(port: port)) })
}

/// A configuration with `deviations` switched on.
func deviating(_ deviations: Deviation...) -> MockConfiguration {
    MockConfiguration(deviations: Set(deviations))
}

let pandaRequest: JSON = [
    "model": "bge-reranker-v2-m3", "query": "What is a panda?", "top_n": 3,
    "documents": [
        "hi", "it is a bear",
        "The giant panda (Ailuropoda melanoleuca), sometimes called a panda bear or simply panda, is a bear species endemic to China.",
    ],
]

let helloChat: JSON = ["model": "qwen3", "messages": [["role": "user", "content": "Hello!"]]]

/// The checkout this test file belongs to, where Schemas/ and Fixtures/ live.
let packageRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

import ConformHTTP
import ConformJSON
import ConformTestSupport
import HTTPTypes
import Hummingbird
import Logging
import ServerTestSupport
import Testing
import Workers

@testable import MockProvider

@Suite("Response memo")
struct ResponseMemoTests {
    static func key(_ body: String, method: HTTPRequest.Method = .post, path: String = "/v1/rerank", query: String? = nil) -> ResponseMemo.Key {
        ResponseMemo.Key(method: method, path: path, query: query, body: ByteBuffer(string: body))
    }

    @Test("A remembered answer is found only for the same method, path, query and body")
    func keys() {
        let memo = ResponseMemo(capacity: 8)
        memo.remember(ByteBuffer(string: "answer"), for: Self.key("{}"))
        #expect(memo.answer(for: Self.key("{}")) == ByteBuffer(string: "answer"))
        #expect(memo.answer(for: Self.key("{ }")) == nil)
        #expect(memo.answer(for: Self.key("{}", method: .put)) == nil)
        #expect(memo.answer(for: Self.key("{}", path: "/v1/embeddings")) == nil)
        #expect(memo.answer(for: Self.key("{}", query: "")) == nil)
        #expect(memo.answer(for: Self.key("{}", query: "a=1")) == nil)
        #expect(memo.hits == 1)
    }

    @Test("The oldest answers go first when the memo is full, by count or by bytes")
    func bounds() {
        let memo = ResponseMemo(capacity: 3)
        for index in 0..<10 { memo.remember(ByteBuffer(string: "answer \(index)"), for: Self.key("\(index)")) }
        #expect(memo.count == 3)
        #expect((0..<7).allSatisfy { memo.answer(for: Self.key("\($0)")) == nil })
        #expect((7..<10).allSatisfy { memo.answer(for: Self.key("\($0)")) != nil })

        let small = ResponseMemo(capacity: 100, byteLimit: 64)
        small.remember(ByteBuffer(string: String(repeating: "x", count: 100)), for: Self.key("too big"))
        #expect(small.count == 0)
        for index in 0..<10 { small.remember(ByteBuffer(string: String(repeating: "y", count: 10)), for: Self.key("\(index)")) }
        #expect(small.count == 2)
        #expect(small.answer(for: Self.key("9")) != nil && small.answer(for: Self.key("7")) == nil)
    }

    /// Runs `body` against `gateway` on a loopback port.
    static func serve(_ gateway: MockGateway, _ body: @Sendable (MockClient) async throws -> Void) async throws {
        try await withLiveServer(
            { report in
                var logger = Logger(label: "conform-mock-test")
                logger.logLevel = .critical
                return gateway.application(host: "127.0.0.1", port: 0, logger: logger, onServerRunning: report)
            },
            { port in try await body(MockClient(port: port)) })
    }

    @Test("With the memo on, repeated rerank and embeddings requests get the computed bytes again, from the memo")
    func repeatedRequests() async throws {
        let computed = try await withMock { client in
            (try await client.send("POST", "/v1/rerank", json: pandaRequest).body,
             try await client.send("POST", "/v1/embeddings", json: ["model": "bge-m3", "input": "x", "dimensions": 4]).body)
        }
        let gateway = MockGateway.deterministic(MockConfiguration(responseMemoEntries: 16))
        #expect(gateway.memoizesResponses)
        try await Self.serve(gateway) { client in
            for _ in 0..<3 {
                let rerank = try await client.send("POST", "/v1/rerank", json: pandaRequest)
                #expect(rerank.status == 200 && rerank.head.mediaType == "application/json")
                #expect(rerank.body == computed.0)
                let embeddings = try await client.send("POST", "/v1/embeddings", json: ["model": "bge-m3", "input": "x", "dimensions": 4])
                #expect(embeddings.body == computed.1)
            }
            var other = pandaRequest
            other["top_n"] = 1
            #expect(try await client.send("POST", "/v1/rerank", json: other).json()["results"]?.arrayValue?.count == 1)
            let refused = try await client.send("POST", "/v1/rerank", json: ["model": "bge-reranker-v2-m3", "query": "x", "documents": [1]])
            _ = try await client.send("POST", "/v1/rerank", json: ["model": "bge-reranker-v2-m3", "query": "x", "documents": [1]])
            #expect(refused.status == 400)
            let unauthorized = try await client.send("POST", "/v1/rerank", json: pandaRequest, headers: [:])
            #expect(unauthorized.status == 401)
        }
        #expect(gateway.services.memo?.hits == 4)
        #expect(gateway.services.memo?.count == 3)
    }

    /// An engine that is not a deterministic one, as an adapter to a real server would be.
    struct ForwardingWorker: InferenceWorker {
        let engine: DeterministicWorker
        func respond(to request: WorkerRequest) async throws -> WorkerResponse { try await engine.respond(to: request) }
    }

    @Test("The memo is off by default and whenever an engine is not deterministic")
    func onlyForDeterministicEngines() {
        #expect(!MockGateway.deterministic(MockConfiguration()).memoizesResponses)
        let adapted = MockGateway(configuration: MockConfiguration(responseMemoEntries: 16)) { model in
            ForwardingWorker(engine: DeterministicWorker(profile: model.engineProfile))
        }
        #expect(!adapted.memoizesResponses)
    }
}

import ConformHTTP
import ConformJSON
import Foundation
import HTTPWire
import MockProvider
import ServerScope
import ServerTestSupport
import Testing
import Workers

/// Each request that once stopped or swamped the mock now gets a 4xx with the envelope, naming the
/// field and the limit, and the mock goes on serving.
@Suite("Request bounds", .timeLimit(.minutes(2)))
struct RequestBoundsTests {
    /// Asserts a refusal with the OpenAI envelope whose message contains `mention`, and that the
    /// mock still answers.
    func expectRefused(
        _ response: ReceivedResponse, status: Int = 400, param: String? = nil, mention: String, _ client: MockClient
    ) async throws {
        #expect(response.status == status, "\(String(decoding: response.body, as: UTF8.self).prefix(300))")
        let error = try response.json()["error"]
        #expect(error?["message"]?.stringValue?.contains(mention) == true, "\(error?["message"] ?? .null)")
        if let param { #expect(error?["param"] == .string(param)) }
        #expect(try await client.send("GET", "/v1/models").status == 200)
    }

    @Test("Embedding inputs: the count on every path (TEI /embed too), tokens per input and per request")
    func embeddingInputs() async throws {
        try await withMock { client in
            let tei = try await client.send("POST", "/model/proxy/42/embed", json: ["inputs": .array(Array(repeating: "a", count: 30_000))])
            #expect(tei.status == 422)
            #expect(try tei.json()["error"]?.stringValue?.contains("maximum allowed batch size 2048") == true)
            let many = try await client.send("POST", "/v1/embeddings", json: ["model": "bge-m3", "input": .array(Array(repeating: "a", count: 2049))])
            try await expectRefused(many, param: "input", mention: "limit of 2048", client)
            let long = String(repeating: "word ", count: 9000)
            let one = try await client.send("POST", "/v1/embeddings", json: ["model": "bge-m3", "input": ["short", .string(long)]])
            try await expectRefused(one, param: "input[1]", mention: "9000 tokens, more than this server's limit of 8192", client)
            let total = try await client.send(
                "POST", "/v1/embeddings",
                json: ["model": "bge-m3", "input": .array(Array(repeating: .string(String(repeating: "w ", count: 8000)), count: 40))])
            try await expectRefused(total, param: "input", mention: "320000 tokens in all", client)
        }
    }

    @Test("Rerank: documents, query and document tokens")
    func rerankBounds() async throws {
        try await withMock { client in
            let documents: JSON = .array(Array(repeating: "doc", count: 4097))
            let many = try await client.send("POST", "/v1/rerank", json: ["model": "bge-reranker-v2-m3", "query": "q", "documents": documents])
            try await expectRefused(many, param: "documents", mention: "limit of 4096", client)
            let query = String(repeating: "q ", count: 9000)
            let long = try await client.send("POST", "/v1/rerank", json: ["model": "bge-reranker-v2-m3", "query": .string(query), "documents": ["a"]])
            try await expectRefused(long, param: "query", mention: "limit of 8192", client)
        }
    }

    @Test("Transcription: a WAV whose header claims a byte rate its samples cannot give, and audio past the limit")
    func audioBounds() async throws {
        var configuration = MockConfiguration()
        configuration.limits.audioSeconds = 60
        try await withMock(configuration) { client in
            var lying = WAVEncoder.wav(Array(repeating: 0, count: 500_000), sampleRate: 8000)
            // fmt's byte rate (offset 28) set to 1: a megabyte of audio would last eleven days.
            lying.replaceSubrange(28..<32, with: [1, 0, 0, 0])
            let refused = try await client.send("POST", "/v1/audio/transcriptions", body: .multipart(Self.form(lying)))
            try await expectRefused(refused, param: "file", mention: "fmt chunk is inconsistent", client)
            let long = WAVEncoder.wav(Array(repeating: 0, count: 8000 * 61), sampleRate: 8000)
            let tooLong = try await client.send("POST", "/v1/audio/transcriptions", body: .multipart(Self.form(long)))
            try await expectRefused(tooLong, param: "file", mention: "61 seconds, more than this server's limit of 60 seconds", client)
        }
    }

    static func form(_ audio: [UInt8]) -> MultipartForm {
        MultipartForm(parts: [
            .text("model", "whisper-large-v3-turbo"), .file("file", filename: "a.wav", contentType: "audio/wav", data: audio),
        ])
    }

    @Test("Speech: 4,096 CJK characters at speed 0.25 would last over an hour")
    func speechBound() async throws {
        try await withMock { client in
            let input = String(repeating: "漢", count: 4096)
            let refused = try await client.send(
                "POST", "/v1/audio/speech", json: ["model": "cosyvoice-300m", "voice": "alloy", "speed": 0.25, "input": .string(input)])
            try await expectRefused(refused, param: "input", mention: "more than this server's limit of 600 seconds", client)
        }
    }

    @Test("Images: ten pictures of 4096x4096 are more pixels than one request may ask for")
    func imageBound() async throws {
        try await withMock { client in
            let refused = try await client.send(
                "POST", "/v1/images/generations", json: ["model": "stable-diffusion-3.5-medium", "prompt": "p", "n": 10, "size": "4096x4096"])
            try await expectRefused(refused, param: "n", mention: "more than this server's limit of 16777216", client)
        }
    }

    @Test("Generic proxy: dot segments, plain or percent-encoded, are refused before routing")
    func dotSegments() async throws {
        try await withMock { client in
            // Sent raw: HTTP clients resolve dot segments before sending, a hostile one need not.
            for path in ["/model/proxy/43/../../v1/models", "/model/proxy/43/%2e%2e/v1/models", "/model/proxy/43/a/%2E/b"] {
                let connection = try RawConnection(port: client.port)
                connection.send("GET \(path) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(MockClient.key)\r\nConnection: close\r\n\r\n")
                let text = String(decoding: await connection.readUntilClosed(limit: .seconds(5)).bytes, as: UTF8.self)
                #expect(text.hasPrefix("HTTP/1.1 400"), "\(path): \(text)")
                #expect(text.contains("may not contain the dot segment"), "\(text)")
            }
            #expect(try await client.send("GET", "/v1/models").status == 200)
        }
    }

    @Test("HEAD on GET routes answers the GET's status and length without a body; 401 says WWW-Authenticate: Bearer")
    func headAndChallenge() async throws {
        try await withMock { client in
            let get = try await client.send("GET", "/v1/models")
            let head = try await client.send("HEAD", "/v1/models")
            #expect(head.status == 200 && head.body.isEmpty)
            #expect(head.headers["content-length"] == String(get.body.count))
            let refused = try await client.send("GET", "/v1/models", headers: [:])
            #expect(refused.status == 401 && refused.headers["www-authenticate"] == "Bearer")
        }
        try await withMock(MockConfiguration(emulation: .gpustack)) { client in
            let refused = try await client.send("GET", "/v1/models", headers: [:])
            #expect(refused.status == 401 && refused.headers["www-authenticate"] == nil)
        }
    }

    @Test("Framing errors get 400 with the envelope, and the connection is closed")
    func framingErrors() async throws {
        try await withMock { client in
            for request in [
                "POST /v1/models HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc",
                "POST /v1/models HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
                "POST /v1/models HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
            ] {
                let connection = try RawConnection(port: client.port)
                connection.send(request)
                let (bytes, closed) = await connection.readUntilClosed(limit: .seconds(5))
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(text.hasPrefix("HTTP/1.1 400"), "\(text)")
                #expect(text.contains(#""code":"invalid_http""#), "\(text)")
                #expect(closed)
            }
            #expect(try await client.send("GET", "/v1/models").status == 200)
        }
    }

    @Test("Idle, slow-header and stalled-body connections are closed after the idle timeout")
    func inboundTimeouts() async throws {
        var configuration = MockConfiguration()
        configuration.inboundTimeouts = InboundTimeouts(idle: .milliseconds(300), bodyRead: .seconds(5))
        try await withMock(configuration) { client in
            let idle = try RawConnection(port: client.port)
            #expect(await idle.readUntilClosed(limit: .seconds(5)).closed)
            let slowHeaders = try RawConnection(port: client.port)
            slowHeaders.send("GET /v1/models HTTP/1.1\r\nHost: x\r\n")
            #expect(await slowHeaders.readUntilClosed(limit: .seconds(5)).closed)
            let stalled = try RawConnection(port: client.port)
            stalled.send(
                "POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(MockClient.key)\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"model\"")
            #expect(await stalled.readUntilClosed(limit: .seconds(5)).closed)
            #expect(try await client.send("GET", "/v1/models").status == 200)
        }
    }

    @Test("A body that trickles in slower than the body-read limit gets 408")
    func bodyReadTimeout() async throws {
        var configuration = MockConfiguration()
        configuration.inboundTimeouts = InboundTimeouts(idle: .seconds(5), bodyRead: .milliseconds(300))
        try await withMock(configuration) { client in
            let trickle = try RawConnection(port: client.port)
            trickle.send(
                "POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(MockClient.key)\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n")
            async let reading = trickle.readUntilClosed(limit: .seconds(3))
            for _ in 0..<30 {
                trickle.send(" ")
                try await Task.sleep(for: .milliseconds(50))
            }
            let text = String(decoding: await reading.bytes, as: UTF8.self)
            #expect(text.hasPrefix("HTTP/1.1 408"), "\(text)")
            #expect(text.contains("did not arrive in time"))
        }
    }

    @Test("Heavy requests beyond the pool get 503 with Retry-After while light and small ones are served; a queued request whose client left never runs")
    func heavyWorkIsBounded() async throws {
        let pool = HeavyWorkPool(.init(concurrency: 1, queueDepth: 1, queueTimeout: .seconds(30)))
        let gate = HeavyWorkPoolGate()
        let configuration = MockConfiguration()
        let gateway = MockGateway(configuration: configuration) { model in
            DeterministicWorker(profile: model.engineProfile, settings: configuration.workerSettings, heavyWork: pool)
        }
        try await withLiveServer(
            { report in gateway.application(host: "127.0.0.1", port: 0, onServerRunning: report) },
            { port in
                let client = MockClient(port: port)
                let holder = Task { try await pool.run { _ in gate.wait() } }
                defer { gate.open() }
                #expect(try await Self.within(.seconds(20)) { pool.running == 1 })
                // A client that gives up while queued: its turn is given back.
                // Small requests are answered at once; these carry more text than that.
                let page = String(repeating: "panda ", count: 1000)
                let large: JSON = ["model": "bge-m3", "input": .string(page)]
                let impatient = try RawConnection(port: port)
                let body = large.serializedString()
                impatient.send(
                    "POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(MockClient.key)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
                #expect(try await Self.within(.seconds(20)) { pool.waiting == 1 })
                impatient.hangUp()
                #expect(try await Self.within(.seconds(20)) { pool.waiting == 0 })
                // The queue holds one: fill it, then the next is turned away.
                let queued = Task { try await client.send("POST", "/v1/embeddings", json: large) }
                #expect(try await Self.within(.seconds(20)) { pool.waiting == 1 })
                var largeRerank = pandaRequest
                largeRerank["query"] = .string(page)
                let busy = try await client.send("POST", "/v1/rerank", json: largeRerank)
                #expect(try await client.send("POST", "/v1/rerank", json: pandaRequest).status == 200)
                #expect(busy.status == 503 && busy.headers["retry-after"] == "1")
                #expect(try busy.json()["error"]?["message"]?.stringValue?.contains("busy") == true)
                #expect(try await client.send("GET", "/v1/models").status == 200)
                #expect(try await client.send("POST", "/v1/chat/completions", json: helloChat).status == 200)
                gate.open()
                _ = try await holder.value
                #expect(try await queued.value.status == 200)
            })
    }

    /// Whether `condition` comes true within `limit`, polled.
    static func within(_ limit: Duration, _ condition: () -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while !condition() {
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(10))
        }
        return true
    }

    @Test("upstreamPaths is enforced for every model, whatever engine serves it")
    func upstreamPathsEnforced() async throws {
        var configuration = MockConfiguration()
        let embed = try #require(configuration.models.firstIndex { $0.name == "bge-m3" })
        configuration.models[embed].upstreamPaths = ["/embed"]
        // Served by an engine that would answer any path: the gateway alone must refuse.
        let gateway = MockGateway(configuration: configuration) { model in
            model.name == "bge-m3" ? AnyPathEngine() as any InferenceWorker : DeterministicWorker(profile: model.engineProfile)
        }
        try await withLiveServer(
            { report in gateway.application(host: "127.0.0.1", port: 0, onServerRunning: report) },
            { port in
                let client = MockClient(port: port)
                let refused = try await client.send("POST", "/model/proxy/42/v1/embeddings", json: ["model": "bge-m3", "input": "x"])
                #expect(refused.status == 404)
                #expect(try refused.json()["error"]?["message"]?.stringValue?.contains("serves no /v1/embeddings") == true)
                #expect(try await client.send("POST", "/model/proxy/42/embed", json: ["inputs": "x"]).status == 200)
            })
    }
}

/// Holds a heavy-work turn until opened.
final class HeavyWorkPoolGate: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    func wait() { semaphore.wait() }
    func open() { semaphore.signal() }
}

/// An engine that answers every path with 200, as a remote engine without path checks would.
struct AnyPathEngine: InferenceWorker {
    func respond(to request: WorkerRequest) async throws -> WorkerResponse {
        .json(["path": .string(request.path)])
    }
}

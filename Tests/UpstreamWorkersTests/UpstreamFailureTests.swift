import ConformHTTP
import ConformJSON
import ConformTestSupport
import Dispatch
import HTTPWire
import MockProvider
import Testing
import UpstreamWorkers

/// What clients see when the engine misbehaves: it breaks off a stream, stalls, or cannot be
/// reached; and that bytes reach the client while the engine is still sending.
@Suite("Upstream failures and streaming through the adapter", .timeLimit(.minutes(2)))
struct UpstreamFailureTests {
    static let streamHead = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"

    static func chunk(_ text: String) -> String {
        "\(String(text.utf8.count, radix: 16))\r\n\(text)\r\n"
    }

    static let firstChunk =
        #"data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"qwen3","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"logprobs":null,"finish_reason":null}]}"#
        + "\n\n"

    /// A scripted engine: health probes get 200, on any connection, and the first other request
    /// on a connection is answered by `script`.
    static func scriptedEngine(_ script: @escaping @Sendable (ScriptedConnection) -> Void) throws -> ScriptedServer {
        try ScriptedServer { connection in
            while let request = connection.readRequest() {
                if request.starts(with: Array("GET /health ".utf8)) {
                    connection.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                    continue
                }
                script(connection)
                return
            }
        }
    }

    /// An engine that starts a stream with one chat chunk, then resets the connection.
    static func breakingEngine() throws -> ScriptedServer {
        try scriptedEngine { connection in
            connection.write(streamHead + chunk(firstChunk))
            connection.pause(.milliseconds(50))
            connection.reset()
        }
    }

    static func configuration(
        _ engine: ScriptedServer, timeouts: UpstreamTimeouts = UpstreamTimeouts()
    ) throws -> MockConfiguration {
        try forwardingConfiguration(to: engine.port, timeouts: timeouts)
    }

    @Test("An engine that dies mid-stream gives OpenAI's in-stream error, and no [DONE]")
    func chatStreamBrokenOff() async throws {
        let engine = try Self.breakingEngine()
        defer { engine.stop() }
        try await withGateway(try Self.configuration(engine)) { gateway in
            var request = helloChat
            request["stream"] = true
            let (events, body) = try await gateway.stream("/v1/chat/completions", json: request)
            #expect(events.count == 2, "\(body)")
            #expect(try JSON(parsing: events[0].data)["choices"]?[0]?["delta"]?["content"] == "Hel")
            let failure = try JSON(parsing: try #require(events.last).data)
            #expect(failure["error"]?["type"] == "server_error")
            #expect(failure["error"]?["message"]?.stringValue?.contains("broke off the stream") == true)
            #expect(!body.contains("[DONE]"))
        }
    }

    @Test("An engine that dies mid-stream gives Anthropic's error event on /v1/messages, and no message_stop")
    func messagesStreamBrokenOff() async throws {
        let engine = try Self.breakingEngine()
        defer { engine.stop() }
        try await withGateway(try Self.configuration(engine)) { gateway in
            let request: JSON = [
                "model": "qwen3", "max_tokens": 16, "stream": true, "messages": [["role": "user", "content": "Hello!"]],
            ]
            let (events, _) = try await gateway.stream("/v1/messages", json: request)
            #expect(events.map(\.type) == ["message_start", "content_block_start", "ping", "content_block_delta", "error"])
            let failure = try JSON(parsing: try #require(events.last).data)
            #expect(failure["type"] == "error")
            #expect(failure["error"]?["type"] == "api_error")
        }
    }

    @Test("An engine that never answers gives 504 in the envelope of the path")
    func slowEngine() async throws {
        let engine = try Self.scriptedEngine { connection in
            connection.waitForPeerToClose()
        }
        defer { engine.stop() }
        let timeouts = UpstreamTimeouts(connect: .seconds(2), request: .milliseconds(300), streamSilence: .seconds(5))
        try await withGateway(try Self.configuration(engine, timeouts: timeouts)) { gateway in
            let started = ContinuousClock.now
            let chat = try await gateway.send("POST", "/v1/chat/completions", json: helloChat)
            // Far below the client's own patience, however loaded the machine.
            #expect(ContinuousClock.now - started < .seconds(10))
            #expect(chat.status == 504)
            let error = try chat.json()["error"]
            #expect(error?["code"] == "timeout")
            #expect(error?["message"]?.stringValue?.contains("did not answer within 300 ms") == true)
            let message: JSON = ["model": "qwen3", "max_tokens": 16, "messages": [["role": "user", "content": "Hello!"]]]
            let anthropic = try await gateway.send("POST", "/v1/messages", json: message)
            #expect(anthropic.status == 504)
            #expect(try anthropic.json()["error"]?["type"] == "timeout_error")
            // A slow engine is still a reachable one: the model stays listed.
            let models = try await gateway.send("GET", "/v1/models").json()
            #expect(models["data"]?.arrayValue?.count == MockConfiguration().models.count)
        }
    }

    @Test("An engine that goes silent mid-stream is cut off after the silence bound")
    func silentStream() async throws {
        let engine = try Self.scriptedEngine { connection in
            connection.write(Self.streamHead + Self.chunk(Self.firstChunk))
            connection.waitForPeerToClose()
        }
        defer { engine.stop() }
        let timeouts = UpstreamTimeouts(connect: .seconds(2), request: .seconds(5), streamSilence: .milliseconds(200))
        try await withGateway(try Self.configuration(engine, timeouts: timeouts)) { gateway in
            var request = helloChat
            request["stream"] = true
            let (events, _) = try await gateway.stream("/v1/chat/completions", json: request)
            #expect(events.count == 2)
            let failure = try JSON(parsing: try #require(events.last).data)
            #expect(failure["error"]?["message"]?.stringValue?.contains("sent nothing for 200 ms mid-stream") == true)
        }
    }

    @Test("Each event reaches the client while the engine is still streaming")
    func eventsAreNotBuffered() async throws {
        let clientSawFirstEvent = DispatchSemaphore(value: 0)
        let engine = try Self.scriptedEngine { connection in
            connection.write(Self.streamHead + Self.chunk(Self.firstChunk))
            // Nothing more until the client has the first event: a gateway that waited for more
            // would never deliver it, and the client's wait would run out.
            guard clientSawFirstEvent.wait(timeout: .now() + 10) == .success else { return connection.reset() }
            connection.write(Self.chunk("data: [DONE]\n\n") + "0\r\n\r\n")
            connection.close()
        }
        defer { engine.stop() }
        try await withGateway(try Self.configuration(engine)) { gateway in
            var request = helloChat
            request["stream"] = true
            let stream = try await gateway.transport.openEventStream(
                OutgoingRequest(
                    method: "POST", url: gateway.baseURL + "/v1/chat/completions", headers: gateway.defaultHeaders,
                    body: .json(request)),
                maxEventWait: .seconds(5))
            var events: [String] = []
            var failure: TransportError?
            for await item in stream {
                switch item {
                case .event(let event, _):
                    events.append(event.data)
                    clientSawFirstEvent.signal()
                case .comment: break
                case .finished(let summary): failure = summary.error
                }
            }
            #expect(failure == nil)
            #expect(events.count == 2 && events.last == "[DONE]")
        }
    }

    @Test("The generic proxy relays the engine's bytes unchanged, chunk by chunk as they come")
    func rawRelay() async throws {
        // Lines a parser would drop or rewrite (id, retry, comments, CRLF) must arrive as sent.
        let first = "id: 7\r\nretry: 1000\r\n: warming up\r\ndata: part one\r\n\r\n"
        let second = "data: part two\n\n"
        let clientSawFirstEvent = DispatchSemaphore(value: 0)
        let engine = try Self.scriptedEngine { connection in
            connection.write(Self.streamHead + Self.chunk(first))
            guard clientSawFirstEvent.wait(timeout: .now() + 10) == .success else { return connection.reset() }
            connection.write(Self.chunk(second) + "0\r\n\r\n")
            connection.close()
        }
        defer { engine.stop() }
        try await withGateway(try Self.configuration(engine)) { gateway in
            let stream = try await gateway.transport.openEventStream(
                OutgoingRequest(
                    method: "POST", url: gateway.baseURL + "/model/proxy/42/events", headers: gateway.defaultHeaders,
                    body: .json(["go": true])),
                maxEventWait: .seconds(5))
            var body: [UInt8] = []
            var failure: TransportError?
            for await item in stream {
                switch item {
                case .event: clientSawFirstEvent.signal()
                case .comment: break
                case .finished(let summary):
                    body = summary.body
                    failure = summary.error
                }
            }
            #expect(failure == nil)
            #expect(String(decoding: body, as: UTF8.self) == first + second)
        }
    }

    @Test("An engine that breaks off a relayed body cuts the client's body short")
    func rawRelayBrokenOff() async throws {
        let engine = try Self.scriptedEngine { connection in
            connection.write(
                "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Self.chunk("first part"))
            connection.pause(.milliseconds(50))
            connection.reset()
        }
        defer { engine.stop() }
        try await withGateway(try Self.configuration(engine)) { gateway in
            _ = await #expect(throws: TransportError.self) {
                _ = try await gateway.send("GET", "/model/proxy/43/download")
            }
        }
    }
}

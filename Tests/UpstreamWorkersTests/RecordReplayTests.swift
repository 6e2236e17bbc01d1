import ConformHTTP
import ConformJSON
import ConformTestSupport
import Foundation
import HTTPWire
import Hummingbird
import MockProvider
import ServerScope
import ServerTestSupport
import Testing
import Workers

/// Record a deployment once, replay it offline: `conform mock --record DIR --upstream URL` in front
/// of `conform worker`, then `--replay DIR` answering the same requests with the same answers,
/// streams with their recorded pace, and nothing else.
@Suite("Record and replay", .timeLimit(.minutes(2)))
struct RecordReplayTests {
    static let key = "recorded-deployment-key"
    static let chat: JSON = ["model": "qwen3", "messages": [["role": "user", "content": "Hello!"]]]

    static func exchanges(_ client: LoopbackClient) async throws -> (chat: ReceivedResponse, again: ReceivedResponse, embed: ReceivedResponse, stream: [ServerSentEvent], form: ReceivedResponse) {
        let chat = try await client.send("POST", "/v1/chat/completions", json: Self.chat)
        let again = try await client.send("POST", "/v1/chat/completions", json: Self.chat)
        let embed = try await client.send("POST", "/v1/embeddings", json: ["model": "bge-m3", "input": "x", "dimensions": 4])
        var streamed = Self.chat
        streamed["stream"] = true
        let (events, _) = try await client.stream("/v1/chat/completions", json: streamed)
        let form = MultipartForm(parts: [
            .text("model", "whisper-large-v3-turbo"), .text("response_format", "text"),
            .file("file", filename: "a.wav", contentType: "audio/wav", data: WAVEncoder.wav(Array(repeating: 100, count: 8000), sampleRate: 8000)),
        ])
        let transcript = try await client.send("POST", "/v1/audio/transcriptions", body: .multipart(form))
        return (chat, again, embed, events, transcript)
    }

    @Test func aRecordedWorkerIsReplayedByteForByteWithItsPace() async throws {
        let folder = try TemporaryDirectory()
        var paced = MockConfiguration()
        paced.pace = StreamingPace(interToken: .milliseconds(10))
        let directory = folder.url
        let recorded = try await withWorkerServer(paced) { workerPort in
            let proxy = try RecordingProxy(target: "http://127.0.0.1:\(workerPort)", directory: directory)
            let result = try await withLiveServer(
                { report in
                    Application(
                        responder: proxy, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                        onServerRunning: { await report($0.localAddress?.port ?? 0) }, logger: quietLogger)
                },
                { port in try await Self.exchanges(LoopbackClient(port: port, key: Self.key)) })
            try await proxy.shutdown()
            return result
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        #expect(files.count == 5 && files.first == "0001-POST-v1-chat-completions.json")
        for file in files {
            let text = try String(contentsOf: folder.url.appending(path: file), encoding: .utf8)
            #expect(!text.contains(Self.key), "\(file) holds the key")
        }

        var configuration = MockConfiguration()
        configuration.stubs = try StubFile.loadRecordings(directory: folder.url.path)
        configuration.stubsOnly = true
        #expect(configuration.stubs.count == 4)
        try await withGateway(configuration) { client in
            let started = ContinuousClock.now
            let replayed = try await Self.exchanges(client)
            #expect(replayed.chat.body == recorded.chat.body && replayed.again.body == recorded.again.body)
            #expect(replayed.embed.body == recorded.embed.body && replayed.form.body == recorded.form.body)
            #expect(replayed.form.headers["content-type"]?.hasPrefix("text/plain") == true)
            #expect(replayed.stream.map(\.data) == recorded.stream.map(\.data))
            // The recorded stream took at least ten milliseconds a token; so does its replay.
            #expect(started.duration(to: .now) >= .milliseconds(10 * (recorded.stream.count - 3)))
            let other = try await client.send("POST", "/v1/chat/completions", json: ["model": "qwen3", "messages": [["role": "user", "content": "Other"]]])
            #expect(other.status == 404)
            #expect(try other.json()["error"]?["message"]?.stringValue?.hasPrefix("No recording matches POST /v1/chat/completions") == true)
        }
    }
}

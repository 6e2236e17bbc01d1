import ConformHTTP
import ConformJSON
import Foundation
import HTTPWire
import MockProvider
import Testing
import Workers

/// The gateway in front of `conform worker` through the upstream adapter must answer every request
/// exactly as the gateway computing in process does: same status, same media type, same bytes,
/// streams included.
@Suite("Gateway, adapter and worker against the in-process gateway", .timeLimit(.minutes(2)))
struct ChainEquivalenceTests {
    /// One request sent to both gateways.
    struct Exchange: Sendable, CustomStringConvertible {
        var name: String
        var method = "POST"
        var path: String
        var json: JSON?
        var body: OutgoingBody?
        var headers: HeaderFields = [:]

        var description: String { name }
    }

    static let tools: JSON = [
        [
            "type": "function",
            "function": [
                "name": "get_weather",
                "parameters": [
                    "type": "object",
                    "properties": ["city": ["type": "string"], "days": ["type": "integer", "minimum": 1, "maximum": 7]],
                    "required": ["city"],
                ],
            ],
        ]
    ]
    static let anthropicTools: JSON = [
        ["name": "lookup", "input_schema": ["type": "object", "properties": ["term": ["type": "string"]], "required": ["term"]]]
    ]
    static let message: JSON = ["model": "qwen3", "max_tokens": 64, "messages": [["role": "user", "content": "Hello!"]]]

    static func with(_ json: JSON, _ changes: [(String, JSON)]) -> JSON {
        var json = json
        for (key, value) in changes { json[key] = value }
        return json
    }

    static var textExchanges: [Exchange] {
        [
            Exchange(name: "model list", method: "GET", path: "/v1/models"),
            Exchange(name: "chat", path: "/v1/chat/completions", json: helloChat),
            Exchange(name: "chat streamed", path: "/v1/chat/completions", json: with(helloChat, [("stream", true)])),
            Exchange(
                name: "chat streamed with usage", path: "/v1/chat/completions",
                json: with(helloChat, [("stream", true), ("stream_options", ["include_usage": true])])),
            Exchange(name: "chat with tools", path: "/v1/chat/completions", json: with(helloChat, [("tools", tools)])),
            Exchange(
                name: "chat with tools streamed", path: "/v1/chat/completions",
                json: with(helloChat, [("tools", tools), ("stream", true)])),
            Exchange(
                name: "chat n=2 with a stop", path: "/v1/chat/completions", json: with(helloChat, [("n", 2), ("stop", ["e"])])),
            Exchange(
                name: "chat JSON mode", path: "/v1/chat/completions",
                json: with(helloChat, [("response_format", ["type": "json_object"])])),
            Exchange(name: "chat refused by the engine", path: "/v1/chat/completions", json: ["model": "qwen3"]),
            Exchange(name: "chat for an unknown model", path: "/v1/chat/completions", json: with(helloChat, [("model", "nope")])),
            Exchange(
                name: "completions", path: "/v1/completions",
                json: ["model": "qwen3", "prompt": "Once upon a time", "max_tokens": 12]),
            Exchange(
                name: "completions streamed", path: "/v1/completions",
                json: ["model": "qwen3", "prompt": "Once", "stream": true, "stream_options": ["include_usage": true]]),
            Exchange(name: "responses", path: "/v1/responses", json: ["model": "qwen3", "input": "Tell me a story"]),
            Exchange(
                name: "responses streamed", path: "/v1/responses",
                json: ["model": "qwen3", "input": "Tell me a story", "stream": true]),
            Exchange(name: "embeddings", path: "/v1/embeddings", json: ["model": "bge-m3", "input": ["hello", "world"]]),
            Exchange(
                name: "embeddings base64", path: "/v1/embeddings",
                json: ["model": "bge-m3", "input": "hello", "encoding_format": "base64"]),
            Exchange(
                name: "embeddings shortened", path: "/v1/embeddings",
                json: ["model": "bge-m3", "input": "hello", "dimensions": 256]),
            Exchange(name: "embeddings refused by the engine", path: "/v1/embeddings", json: ["model": "bge-m3", "input": 42]),
            Exchange(name: "rerank, the documented example", path: "/v1/rerank", json: pandaRequest),
            Exchange(
                name: "rerank top_n 1 without documents", path: "/v1/rerank",
                json: with(pandaRequest, [("top_n", 1), ("return_documents", false)])),
            Exchange(
                name: "rerank with object documents", path: "/v1/rerank",
                json: with(pandaRequest, [("documents", [["text": "a bear"], ["text": "a panda is a bear"]])])),
            Exchange(name: "messages", path: "/v1/messages", json: message),
            Exchange(name: "messages streamed", path: "/v1/messages", json: with(message, [("stream", true)])),
            Exchange(name: "messages with tools", path: "/v1/messages", json: with(message, [("tools", anthropicTools)])),
            Exchange(
                name: "messages with tools streamed", path: "/v1/messages",
                json: with(message, [("tools", anthropicTools), ("stream", true)])),
            Exchange(
                name: "messages with x-api-key", path: "/v1/messages", json: message,
                headers: ["Authorization": "", "x-api-key": MockConfiguration.defaultAPIKey, "anthropic-version": "2023-06-01"]),
        ]
    }

    static var mediaExchanges: [Exchange] {
        let picture = ImageRenderer.png(seed: 3, width: 40, height: 30)
        let audio = WAVEncoder.wav(
            SpeechSynthesizer(voice: "alloy").samples(for: "hello there, how are you", seed: 1),
            sampleRate: SpeechSynthesizer.sampleRate)
        func edit(_ field: String) -> OutgoingBody {
            .multipart(
                MultipartForm(parts: [
                    .text("model", "stable-diffusion-3.5-medium"), .text("prompt", "add a hat"),
                    .file(field, filename: "in.png", contentType: "image/png", data: picture),
                ]))
        }
        func transcription(_ format: String) -> OutgoingBody {
            .multipart(
                MultipartForm(parts: [
                    .text("model", "whisper-large-v3-turbo"), .text("response_format", format),
                    .file("file", filename: "speech.wav", contentType: "audio/wav", data: audio),
                ]))
        }
        return [
            Exchange(
                name: "images", path: "/v1/images/generations",
                json: ["model": "stable-diffusion-3.5-medium", "prompt": "a panda", "size": "64x32", "n": 2]),
            Exchange(
                name: "images as urls", path: "/v1/images/generations",
                json: ["model": "stable-diffusion-3.5-medium", "prompt": "a panda", "size": "64x32", "response_format": "url"]),
            Exchange(name: "image edit", path: "/v1/images/edits", body: edit("image")),
            Exchange(name: "image edit with image[]", path: "/v1/images/edits", body: edit("image[]")),
            Exchange(
                name: "speech", path: "/v1/audio/speech",
                json: ["model": "cosyvoice-300m", "input": "Hello there", "voice": "alloy"]),
            Exchange(
                name: "speech as pcm", path: "/v1/audio/speech",
                json: ["model": "cosyvoice-300m", "input": "Hello there", "voice": "alloy", "response_format": "pcm"]),
            Exchange(
                name: "speech in a format the engine refuses", path: "/v1/audio/speech",
                json: ["model": "cosyvoice-300m", "input": "Hello", "voice": "alloy", "response_format": "mp3"]),
        ]
            + ["json", "text", "srt", "vtt", "verbose_json"].map {
                Exchange(name: "transcription as \($0)", path: "/v1/audio/transcriptions", body: transcription($0))
            }
    }

    static var proxyExchanges: [Exchange] {
        [
            Exchange(name: "proxy to TEI /embed", path: "/model/proxy/42/embed", json: ["inputs": ["hi", "there"]]),
            Exchange(
                name: "proxy to /v1/embeddings", path: "/model/proxy/42/v1/embeddings", json: ["model": "bge-m3", "input": "x"]),
            Exchange(name: "proxy to a path the engine lacks", path: "/model/proxy/42/v1/chat/completions", json: helloChat),
            Exchange(
                name: "proxy echo with query and headers", method: "PATCH", path: "/model/proxy/43/v1/things?limit=2&q=a%20b",
                json: ["a": 1],
                headers: ["X-Custom": "kept", "X-API-Key": "secret", "Cookie": "session=1"]),
            Exchange(name: "proxy echo of the root", method: "GET", path: "/model/proxy/43"),
            Exchange(name: "proxy echo of /health", method: "GET", path: "/model/proxy/43/health?verbose=true"),
            Exchange(name: "proxy echo of /v1/models", method: "GET", path: "/model/proxy/43/v1/models"),
            Exchange(name: "proxy echo without a body", method: "DELETE", path: "/model/proxy/43/items/7"),
            Exchange(
                name: "proxy header form", path: "/model/proxy/v1/embeddings", json: ["model": "bge-m3", "input": "y"],
                headers: ["X-GPUStack-Model": "bge-m3"]),
        ]
    }

    @Test("Text endpoints, plain and streamed, give the same bytes", arguments: [textExchanges, mediaExchanges, proxyExchanges])
    func sameBytes(_ exchanges: [Exchange]) async throws {
        try await withBothGateways { inProcess, forwarded in
            for exchange in exchanges {
                let expected = try await inProcess.send(
                    exchange.method, exchange.path, json: exchange.json, body: exchange.body, headers: exchange.headers)
                let actual = try await forwarded.send(
                    exchange.method, exchange.path, json: exchange.json, body: exchange.body, headers: exchange.headers)
                #expect(actual.status == expected.status, "\(exchange)")
                #expect(actual.head.mediaType == expected.head.mediaType, "\(exchange)")
                #expect(actual.text == expected.text, "\(exchange)")
            }
        }
    }

    @Test("Image urls handed out through the adapter fetch the same picture")
    func imageContent() async throws {
        try await withBothGateways { inProcess, forwarded in
            let request: JSON = [
                "model": "stable-diffusion-3.5-medium", "prompt": "a hat", "size": "48x16", "response_format": "url",
            ]
            let url = try #require(
                try await forwarded.send("POST", "/v1/images/generations", json: request).json()["data"]?[0]?["url"]?.stringValue)
            let path = String(url.dropFirst("http://\(LoopbackClient.host)".count))
            let expected = try await inProcess.send("GET", path)
            let actual = try await forwarded.send("GET", path)
            #expect(expected.status == 200 && actual.status == 200)
            #expect(actual.head.mediaType == "image/png")
            #expect(actual.body == expected.body)
            #expect(actual.headers["Cache-Control"] == expected.headers["Cache-Control"])
        }
    }

    /// The in-process gateway and the one forwarding to a worker server, both on default models.
    func withBothGateways(_ body: @Sendable (LoopbackClient, LoopbackClient) async throws -> Void) async throws {
        try await withGateway(MockConfiguration()) { inProcess in
            try await withWorkerServer { workerPort in
                try await withGateway(try forwardingConfiguration(to: workerPort)) { forwarded in
                    try await body(inProcess, forwarded)
                }
            }
        }
    }
}

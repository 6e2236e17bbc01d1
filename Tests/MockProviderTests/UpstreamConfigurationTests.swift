import ConformJSON
import ConformSchema
import Foundation
import MockProvider
import ServerScope
import Testing
import UpstreamWorkers
import Workers

/// A model's `upstream` and the top-level `health` in the configuration file: read with every
/// setting, refused with the member at fault, and described by the config schema alike.
@Suite("Upstream configuration")
struct UpstreamConfigurationTests {
    static let example = """
        {
          "models": [
            {"name": "qwen3", "kinds": ["chat", "completions", "responses", "messages"],
             "upstream": {"url": "http://gpu-host:8000", "servedModelName": "Qwen/Qwen3-8B", "tokenEnv": "VLLM_API_KEY",
                          "connectTimeoutMs": 2000, "requestTimeoutMs": 300000, "streamSilenceTimeoutMs": 60000}},
            {"name": "bge-m3", "kinds": ["embeddings"], "routeId": 42, "genericProxy": true,
             "upstream": {"url": "http://gpu-host:8080", "token": "tei-token", "healthPath": "/health"}},
            {"name": "bge-reranker-v2-m3", "kinds": ["rerank"]}
          ],
          "health": {"intervalMs": 2000, "timeoutMs": 1000, "maxBackoffMs": 20000}
        }
        """

    @Test("Every upstream setting is read; a model without one stays deterministic")
    func readsEverySetting() throws {
        let configuration = try ConfigurationFile.parse(
            Array(Self.example.utf8), file: "mock.json", environment: ["VLLM_API_KEY": "vllm-secret"])
        let qwen = try #require(configuration.models[0].upstream)
        #expect(qwen.url == (try UpstreamURL("http://gpu-host:8000")))
        #expect(qwen.servedModelName == "Qwen/Qwen3-8B")
        #expect(qwen.token == "vllm-secret")
        #expect(qwen.timeouts == UpstreamTimeouts(connect: .seconds(2), request: .seconds(300), streamSilence: .seconds(60)))
        #expect(qwen.healthPath == "/health")
        let embeddings = try #require(configuration.models[1].upstream)
        #expect(embeddings.token == "tei-token" && embeddings.servedModelName == nil && embeddings.timeouts == UpstreamTimeouts())
        #expect(configuration.models[2].upstream == nil)
        #expect(
            configuration.healthProbe
                == HealthProbeSettings(interval: .seconds(2), timeout: .seconds(1), maximumBackoff: .seconds(20)))
    }

    @Test(
        "A bad upstream names the member at fault",
        arguments: [
            (#"{"url": "gpu-host:8000"}"#, "/models/0/upstream/url", "the scheme must be http or https"),
            (#"{"url": "http://gpu-host:8000/v1"}"#, "/models/0/upstream/url", "without /v1"),
            (#"{"servedModelName": "x"}"#, "/models/0/upstream", "has no 'url'"),
            (#"{"url": "http://h", "tokenEnv": "MISSING_TOKEN"}"#, "/models/0/upstream/tokenEnv", "'MISSING_TOKEN' is not set"),
            (#"{"url": "http://h", "token": "a", "tokenEnv": "B"}"#, "/models/0/upstream", "keep one"),
            (#"{"url": "http://h", "token": "two words"}"#, "/models/0/upstream/token", "without whitespace"),
            (#"{"url": "http://h", "requestTimeoutMs": 0}"#, "/models/0/upstream/requestTimeoutMs", "between 1 and"),
            (#"{"url": "http://h", "healthPath": "health"}"#, "/models/0/upstream/healthPath", "must start with '/'"),
            (#"{"url": "http://h", "retries": 3}"#, "/models/0/upstream/retries", "is not a known member"),
        ])
    func refused(_ upstream: String, _ pointer: String, _ reason: String) {
        let text = #"{"models": [{"name": "qwen3", "kinds": ["chat"], "upstream": "# + upstream + "}]}"
        #expect {
            _ = try ConfigurationFile.parse(Array(text.utf8), file: "mock.json", environment: [:])
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.pointer == pointer && error.message.contains(reason)
        }
    }

    @Test("A bad health section names the member at fault")
    func refusedHealth() {
        #expect {
            _ = try ConfigurationFile.parse(Array(#"{"health": {"intervalMs": 1}}"#.utf8), file: "mock.json")
        } throws: { error in
            (error as? ConfigurationError)?.pointer == "/health/intervalMs"
        }
    }

    @Test("forwardAll sends the models without an upstream of their own to one engine under their own names")
    func forwardAll() throws {
        var configuration = try ConfigurationFile.parse(
            Array(Self.example.utf8), file: "mock.json", environment: ["VLLM_API_KEY": "k"])
        configuration.forwardAll(to: try UpstreamURL("http://127.0.0.1:8081"), token: "w")
        #expect(configuration.models[0].upstream?.url.root == "http://gpu-host:8000")
        #expect(configuration.models[2].upstream == UpstreamTarget(url: try UpstreamURL("http://127.0.0.1:8081"), token: "w"))
    }

    @Test("The config schema accepts the example and refuses what the reader refuses")
    func schemaAgrees() throws {
        let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let schema = try SchemaCatalog(directory: root.appending(path: "Schemas")).schema(named: "mock/config")
        #expect(schema.validate(try JSONParser().parse(Array(Self.example.utf8))).isEmpty)
        for bad in [#"{"url": "http://h", "retries": 3}"#, #"{"token": "t"}"#, #"{"url": "http://h", "healthPath": "health"}"#] {
            let document = try JSONParser().parse(
                Array((#"{"models": [{"name": "q", "kinds": ["chat"], "upstream": "# + bad + "}]}").utf8))
            #expect(!schema.validate(document).isEmpty, "\(bad)")
        }
        #expect(!schema.validate(try JSONParser().parse(Array(#"{"health": {"every": 5}}"#.utf8))).isEmpty)
        // Every deviation the reader knows, the schema lists, and nothing else.
        for deviation in Deviation.allCases {
            let document = try JSONParser().parse(Array(#"{"deviations": ["\#(deviation.rawValue)"]}"#.utf8))
            #expect(schema.validate(document).isEmpty, "\(deviation.rawValue)")
        }
        let listed = try #require(try JSONParser().parse(Array(try Data(contentsOf: root.appending(path: "Schemas/mock/config.schema.json"))))["properties"]?["deviations"]?["items"]?["enum"]?.arrayValue)
        #expect(listed.count == Deviation.allCases.count)
    }

    @Test("Stubs, fault rules and anyModel are read from the file, the member at fault named")
    func scriptingMembers() throws {
        let text = #"""
            {"stubs": [{"id": "hi", "match": {"model": "qwen3"}, "respond": {"text": "hello"}}],
             "faults": [{"match": {"path": "/v1/rerank"}, "probability": 0.25, "fault": {"status": 503, "retryAfter": 1}}],
             "anyModel": true}
            """#
        let configuration = try ConfigurationFile.parse(Array(text.utf8), file: "mock.json")
        #expect(configuration.stubs.first?.respond.first?.text == "hello" && configuration.anyModel)
        #expect(configuration.faults.first?.fault.status == 503 && configuration.faults.first?.probability == 0.25)
        let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let schema = try SchemaCatalog(directory: root.appending(path: "Schemas")).schema(named: "mock/config")
        #expect(schema.validate(try JSONParser().parse(Array(text.utf8))).isEmpty)
        for (bad, pointer) in [
            (#"{"stubs": [{"id": "x", "respond": {"txt": "a"}}]}"#, "/stubs/0/respond"),
            (#"{"faults": [{"probability": 2, "fault": {"status": 500}}]}"#, "/faults/0/probability"),
        ] {
            #expect {
                _ = try ConfigurationFile.parse(Array(bad.utf8), file: "mock.json")
            } throws: { ($0 as? ConfigurationError)?.pointer.hasPrefix(pointer) == true }
        }
    }

    @Test("Limits, timeouts and heavy-work settings are read from the file and described by the schema")
    func limitsTimeoutsAndHeavyWork() throws {
        let text = #"""
            {"limits": {"embeddingInputs": 16, "tokensPerInput": 100, "speechSeconds": 30, "generatedValues": 500},
             "timeouts": {"idleMs": 5000, "bodyReadMs": 2000},
             "heavyWork": {"concurrency": 3, "queueDepth": 0, "queueTimeoutMs": 250}}
            """#
        let configuration = try ConfigurationFile.parse(Array(text.utf8), file: "mock.json")
        #expect(configuration.limits.embeddingInputs == 16 && configuration.limits.tokensPerInput == 100)
        #expect(configuration.limits.speechSeconds == 30 && configuration.limits.generation.maximumValues == 500)
        #expect(configuration.limits.tokensPerRequest == RequestLimits().tokensPerRequest)
        #expect(configuration.inboundTimeouts == InboundTimeouts(idle: .seconds(5), bodyRead: .seconds(2)))
        #expect(configuration.heavyWork == HeavyWorkPool.Settings(concurrency: 3, queueDepth: 0, queueTimeout: .milliseconds(250)))
        #expect(configuration.workerSettings.limits == configuration.limits)
        let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let schema = try SchemaCatalog(directory: root.appending(path: "Schemas")).schema(named: "mock/config")
        #expect(schema.validate(try JSONParser().parse(Array(text.utf8))).isEmpty)
        #expect {
            _ = try ConfigurationFile.parse(Array(#"{"limits": {"embeddingInputs": 0}}"#.utf8), file: "mock.json")
        } throws: { ($0 as? ConfigurationError)?.pointer == "/limits/embeddingInputs" }
        #expect(!schema.validate(try JSONParser().parse(Array(#"{"timeouts": {"idle": 5}}"#.utf8))).isEmpty)
    }
}

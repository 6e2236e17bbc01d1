import ArgumentParser
import ConformContract
import Hummingbird
import Logging
import MockProvider
import WorkerServer
import Workers

/// `conform worker`: serve the deterministic worker as a standalone vLLM-style inference engine.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Serve the deterministic worker as a standalone vLLM-style inference engine.",
        discussion: """
            Serves the mock's models (its defaults, or those of --config) as an inference engine \
            would: the probes (GET /health, /healthz, /ping, /version), GET /v1/models, and every \
            engine path (/v1/chat/completions, \
            /v1/completions, /v1/responses, /v1/embeddings, /v1/rerank, /v1/images/*, /v1/audio/*, \
            TEI's /embed), streams as server-sent events, with the same deterministic answers as the \
            mock. A request goes to the model named by the \(EngineModelHeader.name) header (on any path), else by \
            the body's 'model'. Rerank answers come sorted, cut to top_n and with documents only when \
            return_documents allows, as vLLM's do. No gateway key is checked; with --token every path \
            but the probes \
            requires 'Authorization: Bearer TOKEN'. Prints one line 'conform worker listening on \
            http://HOST:PORT' once it accepts connections.

            Put a gateway in front of it with 'conform mock --upstream http://HOST:PORT'.
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 8081

    @Option(help: ArgumentHelp("Require this token as 'Authorization: Bearer TOKEN'.", valueName: "token"))
    var token: String?

    @OptionGroup
    var engine: EngineOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        if let token, token.isEmpty || token.contains(where: \.isWhitespace) {
            throw ValidationError("--token must be a non-empty token without whitespace")
        }
    }

    func run() async throws {
        let configuration = try engine.configuration()
        let server = Self.server(configuration, token: token)
        for model in configuration.models {
            StandardOutput.write(
                "conform worker: model \(model.name) (\(model.kinds.sorted().map(\.rawValue).joined(separator: ", ")))\n")
        }
        StandardOutput.write(
            "conform worker: \(token == nil ? "no token required" : "token required as Bearer"), seed \(configuration.seed)\n")
        var logger = Logger(label: "conform-worker")
        logger.logLevel = .warning
        let host = self.host
        let application = server.application(host: host, port: port, logger: logger) { port in
            StandardOutput.write("conform worker listening on http://\(host.contains(":") ? "[\(host)]" : host):\(port)\n")
        }
        do {
            try await application.runService()
        } catch {
            throw CommandFailure(message: ListenFailure.message(error, server: "worker", host: host, port: port))
        }
    }

    /// Every model of the configuration as a deterministic engine, as the mock computes it.
    static func server(_ configuration: MockConfiguration, token: String?) -> WorkerServer {
        let heavyWork = HeavyWorkPool(configuration.heavyWork)
        return WorkerServer(
            engines: configuration.models.map { model in
                ServedEngine(
                    name: model.name,
                    worker: DeterministicWorker(profile: model.engineProfile, settings: configuration.workerSettings, heavyWork: heavyWork))
            },
            token: token, clock: configuration.clock, version: "conform-worker \(ConformVersion.current)",
            timeouts: configuration.inboundTimeouts)
    }
}

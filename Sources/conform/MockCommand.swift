import ArgumentParser
import ConformContract
import Foundation
import Hummingbird
import Logging
import MockProvider
import ServerScope
import UpstreamWorkers
import Workers

/// `conform mock`: serve the deterministic mock GPUStack gateway.
struct MockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mock",
        abstract: "Serve the deterministic mock GPUStack gateway.",
        discussion: """
            Serves every endpoint of the GPUStack inference API contract with deterministic answers: \
            the same request always gives the same bytes. Prints its models and keys, then one line \
            'conform mock listening on http://HOST:PORT' once it accepts connections.

            Keys: --api-key (repeatable), else GPUSTACK_API_KEY, plus any in the config file; with \
            none at all the mock accepts '\(MockConfiguration.defaultAPIKey)'.

            Deviations (--deviate NAME, repeatable) each break exactly one rule, at the level of that \
            rule: a default conform run fails on a must deviation and reports a should one as a \
            failure it does not count.
            \(Deviation.allCases.map { "  \($0.rawValue) [\($0.level.rawValue)]: \($0.summary)" }.joined(separator: "\n"))
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 8080

    @OptionGroup
    var engine: EngineOptions

    @OptionGroup var project: ProjectOptions

    @Option(name: .customLong("api-key"), help: ArgumentHelp("An accepted API key (repeatable).", valueName: "key"))
    var apiKeys: [String] = []

    @Option(help: ArgumentHelp("Reproduce a real server's quirks: none or gpustack.", valueName: "server"))
    var emulate: String?

    @Option(name: .customLong("deviate"), help: ArgumentHelp("Break one contract rule on purpose (repeatable; names above).", valueName: "name"))
    var deviations: [String] = []

    @Option(
        help: ArgumentHelp(
            "Serve every model without an upstream of its own from the engine at this root URL (such as a vLLM server or 'conform worker'), under its own name.",
            valueName: "url"))
    var upstream: String?

    @Option(name: .customLong("upstream-token"), help: ArgumentHelp("The token --upstream expects as Bearer.", valueName: "token"))
    var upstreamToken: String?

    @Option(name: .customLong("health-interval-ms"), help: "How often upstream engines are probed, in milliseconds.")
    var healthIntervalMilliseconds: Int?

    @Option(
        name: .customLong("memo-entries"),
        help: ArgumentHelp(
            "Answer repeated rerank and embeddings requests from a memo of this many answers (0, the default: compute every answer).",
            valueName: "count"))
    var memoEntries: Int?

    @Flag(help: "Serve the admin API under /__conform (journal, stubs) without a key.")
    var admin = false

    @Option(name: .customLong("admin-key"), help: ArgumentHelp("Serve the admin API, requiring this key.", valueName: "key"))
    var adminKey: String?

    @Option(help: ArgumentHelp("Append each exchange to this file as a line of JSON (and keep the journal).", valueName: "file"))
    var journal: String?

    @Flag(name: .customLong("log-requests"), help: "Print one line per request on standard error.")
    var logRequests = false

    @Option(name: .customLong("log-format"), help: ArgumentHelp("The request log's format: text or json.", valueName: "format"))
    var logFormat: String?

    @Option(help: ArgumentHelp("Scripted answers: a stub file (see Schemas/mock/stubs.schema.json).", valueName: "file"))
    var stubs: String?

    @Option(help: ArgumentHelp("Relay every request to --upstream (a deployment) and record each exchange into this folder.", valueName: "dir"))
    var record: String?

    @Option(help: ArgumentHelp("Answer only from the recordings in this folder; other requests get 404.", valueName: "dir"))
    var replay: String?

    @Option(name: .customLong("replay-speed"), help: ArgumentHelp("Replayed streams keep their recorded pace (recorded) or not (full).", valueName: "speed"))
    var replaySpeed: String = "recorded"

    @Flag(name: .customLong("no-metrics"), help: "Do not count exchanges for /metrics.")
    var noMetrics = false

    @Flag(name: .customLong("any-model"), help: "Serve a request naming an unknown model with a model of the right kind instead of 404.")
    var anyModel = false

    func validate() throws {
        if let logFormat, RequestLog.Format(rawValue: logFormat) == nil {
            throw ValidationError("--log-format takes 'text' or 'json', not '\(logFormat)'")
        }
        guard ["recorded", "full"].contains(replaySpeed) else {
            throw ValidationError("--replay-speed takes 'recorded' or 'full', not '\(replaySpeed)'")
        }
        if record != nil && upstream == nil { throw ValidationError("--record needs --upstream: the deployment to record") }
        if record != nil && replay != nil { throw ValidationError("--record and --replay exclude each other") }
        for name in deviations where Deviation(rawValue: name) == nil {
            throw ValidationError("'\(name)' is not a deviation; known: \(Deviation.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let emulate, Emulation(rawValue: emulate) == nil {
            throw ValidationError("--emulate takes 'none' or 'gpustack', not '\(emulate)'")
        }
        if let upstream {
            do {
                _ = try UpstreamURL(upstream)
            } catch {
                throw ValidationError("--upstream: \(error)")
            }
        }
        if upstreamToken != nil, upstream == nil { throw ValidationError("--upstream-token needs --upstream") }
        if let value = healthIntervalMilliseconds, !(10...3_600_000).contains(value) {
            throw ValidationError("--health-interval-ms must be between 10 and 3600000")
        }
        if let memoEntries, !(0...1_000_000).contains(memoEntries) { throw ValidationError("--memo-entries must be between 0 and 1000000") }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        var configuration = try resolvedConfiguration(environment: ProcessInfo.processInfo.environment)
        // The OpenAPI document is a convenience for fuzzers: without the schemas the mock still serves.
        if let layout = try? project.layout() {
            configuration.openAPIDocument = try? OpenAPIDocument.assemble(
                schemas: layout.schemas, version: ConformVersion.current, models: configuration.modelsByPath)
        }
        for line in Self.summary(configuration) { StandardOutput.write("conform mock: \(line)\n") }
        var logger = Logger(label: "conform-mock", factory: DeferredMetadataLogHandler.init)
        logger.logLevel = .warning
        let host = self.host
        // Upstream engines going down and coming back are worth a line at the notice level.
        var upstreamLogger = Logger(label: "conform-mock")
        upstreamLogger.logLevel = .notice
        let announce: @Sendable (Int) async -> Void = { port in
            StandardOutput.write("conform mock listening on http://\(host.contains(":") ? "[\(host)]" : host):\(port)\n")
        }
        do {
            if let record, let upstream {
                let proxy = try RecordingProxy(target: upstream, directory: URL(filePath: record), bodyLimit: configuration.bodyLimit)
                StandardOutput.write("conform mock: recording every exchange with \(upstream) into \(record)\n")
                try await Application(
                    responder: proxy, server: configuration.inboundTimeouts.server(),
                    configuration: .init(address: .hostname(host, port: port), serverName: nil),
                    onServerRunning: { await announce($0.localAddress?.port ?? port) }, logger: logger
                ).runService()
                try await proxy.shutdown()
            } else {
                let gateway = MockGateway.configured(configuration, logger: upstreamLogger)
                defer { gateway.journal?.flush() }
                try await gateway.application(host: host, port: port, logger: logger, onServerRunning: announce).runService()
            }
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(message: ListenFailure.message(error, server: "mock", host: host, port: port))
        }
    }

    /// Defaults, then the config file, then GPUSTACK_API_KEY, then the command line.
    func resolvedConfiguration(environment: [String: String]) throws -> MockConfiguration {
        var configuration = try engine.configuration()
        if !apiKeys.isEmpty {
            configuration.apiKeys += apiKeys
        } else if let key = environment["GPUSTACK_API_KEY"], !key.isEmpty {
            configuration.apiKeys.append(key)
        }
        if let emulate { configuration.emulation = Emulation(rawValue: emulate)! }
        configuration.deviations.formUnion(deviations.compactMap(Deviation.init(rawValue:)))
        // With --record, --upstream is the deployment to record, not an engine.
        if let upstream, record == nil { configuration.forwardAll(to: try UpstreamURL(upstream), token: upstreamToken) }
        if let value = healthIntervalMilliseconds { configuration.healthProbe.interval = .milliseconds(value) }
        if let memoEntries { configuration.responseMemoEntries = memoEntries }
        if anyModel { configuration.anyModel = true }
        if admin || adminKey != nil { configuration.admin = AdminSettings(key: adminKey) }
        if let journal { configuration.journalFile = journal }
        if logRequests || logFormat != nil { configuration.requestLogFormat = logFormat.flatMap(RequestLog.Format.init) ?? .text }
        if noMetrics { configuration.metrics = false }
        if let stubs {
            switch Result(catching: { () throws(StubFileError) in try StubFile.load(path: stubs) }) {
            case .success(let loaded): configuration.stubs += loaded
            case .failure(let error): throw CommandFailure(message: error.description)
            }
        }
        if let journal, !FileManager.default.fileExists(atPath: journal), !FileManager.default.createFile(atPath: journal, contents: nil) {
            throw CommandFailure(message: "--journal: cannot create \(journal)")
        }
        if let replay {
            switch Result(catching: { () throws(StubFileError) in try StubFile.loadRecordings(directory: replay) }) {
            case .success(let loaded): configuration.stubs += loaded
            case .failure(let error): throw CommandFailure(message: error.description)
            }
            configuration.stubsOnly = true
            configuration.keepsEventDelays = replaySpeed == "recorded"
        }
        return configuration
    }

    static func summary(_ configuration: MockConfiguration) -> [String] {
        var lines: [String] = []
        for model in configuration.models {
            var detail = model.kinds.sorted().map(\.rawValue).joined(separator: ", ")
            if model.kinds.contains(.embeddings) { detail += "; \(model.dimensions) dimensions" }
            if let route = model.routeID { detail += "; route id \(route)" }
            if model.genericProxy { detail += "; generic proxy on" }
            if let upstream = model.upstream {
                detail += "; upstream \(upstream.url)"
                if let served = upstream.servedModelName { detail += " as \(served)" }
            }
            lines.append("model \(model.name) (\(detail))")
        }
        if configuration.usesDefaultKey {
            lines.append("API key: \(MockConfiguration.defaultAPIKey) (the default; choose your own with --api-key or GPUSTACK_API_KEY)")
        } else {
            lines.append("API keys: \(configuration.apiKeys.count) configured")
        }
        let clock: String
        switch configuration.clock {
        case .fixed(let seconds): clock = "fixed at \(seconds)"
        case .system: clock = "system"
        }
        lines.append("seed \(configuration.seed), clock \(clock), body limit \(configuration.bodyLimit) bytes, emulation \(configuration.emulation.rawValue)")
        let pace = configuration.pace
        if !pace.isImmediate {
            lines.append("streaming pace: first token after \(pace.timeToFirstToken), then every \(pace.interToken) ± \(pace.jitter)")
        }
        if configuration.responseMemoEntries > 0 {
            lines.append("response memo: up to \(configuration.responseMemoEntries) rerank and embeddings answers are reused for repeated requests")
        }
        let deviations = configuration.deviations.map(\.rawValue).sorted()
        lines.append("deviations: \(deviations.isEmpty ? "none" : deviations.joined(separator: ", "))")
        return lines
    }
}

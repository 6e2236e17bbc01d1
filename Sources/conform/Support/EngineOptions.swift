import ArgumentParser
import MockProvider
import Workers

/// The options that decide what the deterministic engines answer and how fast: the configuration
/// file with the models, the seed, and the streaming pace. `conform mock` and `conform worker`
/// share them, so one file and one seed give the same answers from both.
struct EngineOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A JSON configuration file (see Schemas/mock/config.schema.json).", valueName: "file"))
    var config: String?

    @Option(help: "The seed behind every generated answer.")
    var seed: UInt64?

    @Option(name: .customLong("ttft-ms"), help: "Wait before the first streamed token, in milliseconds.")
    var timeToFirstTokenMilliseconds: Int?

    @Option(name: .customLong("inter-token-ms"), help: "Wait between streamed tokens, in milliseconds.")
    var interTokenMilliseconds: Int?

    @Option(name: .customLong("jitter-ms"), help: "Seeded jitter on each wait, in milliseconds (either way).")
    var jitterMilliseconds: Int?

    func validate() throws {
        for (name, value) in [
            ("--ttft-ms", timeToFirstTokenMilliseconds), ("--inter-token-ms", interTokenMilliseconds),
            ("--jitter-ms", jitterMilliseconds),
        ] {
            if let value, !(0...600_000).contains(value) { throw ValidationError("\(name) must be between 0 and 600000") }
        }
    }

    /// Defaults, then the config file, then the seed and pace given on the command line.
    func configuration() throws -> MockConfiguration {
        var configuration = MockConfiguration()
        if let config {
            do {
                configuration = try ConfigurationFile.load(path: config)
            } catch {
                throw CommandFailure(message: "invalid configuration: \(error)")
            }
        }
        if let seed { configuration.seed = seed }
        if let value = timeToFirstTokenMilliseconds { configuration.pace.timeToFirstToken = .milliseconds(value) }
        if let value = interTokenMilliseconds { configuration.pace.interToken = .milliseconds(value) }
        if let value = jitterMilliseconds { configuration.pace.jitter = .milliseconds(value) }
        return configuration
    }
}

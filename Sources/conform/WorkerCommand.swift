import ArgumentParser

/// `conform worker`: serve the deterministic worker as a standalone vLLM-style inference engine.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Serve the deterministic worker as a standalone vLLM-style inference engine."
    )

    func run() async throws {
        throw CommandFailure(message: "'conform worker' is not available in this build yet")
    }
}

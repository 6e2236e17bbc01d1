import ArgumentParser

/// `conform mock`: serve the deterministic mock GPUStack gateway.
struct MockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mock",
        abstract: "Serve the deterministic mock GPUStack gateway."
    )

    func run() async throws {
        throw CommandFailure(message: "'conform mock' is not available in this build yet")
    }
}

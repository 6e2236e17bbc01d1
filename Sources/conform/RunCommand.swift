import ArgumentParser

/// `conform run`: run the suite against a server (or the embedded mock) and write compliance reports.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the suite against a server (or the embedded mock) and write compliance reports."
    )

    func run() async throws {
        throw CommandFailure(message: "'conform run' is not available in this build yet")
    }
}

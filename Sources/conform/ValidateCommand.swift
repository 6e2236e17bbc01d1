import ArgumentParser

/// `conform validate`: validate JSON files against a schema from Schemas/ or a schema file.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate JSON files against a schema from Schemas/ or a schema file."
    )

    func run() async throws {
        throw CommandFailure(message: "'conform validate' is not available in this build yet")
    }
}

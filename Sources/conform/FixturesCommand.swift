import ArgumentParser

/// `conform fixtures`: list the fixture cases or regenerate their goldens from the mock.
struct FixturesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixtures",
        abstract: "List the fixture cases or regenerate their goldens from the mock."
    )

    func run() async throws {
        throw CommandFailure(message: "'conform fixtures' is not available in this build yet")
    }
}

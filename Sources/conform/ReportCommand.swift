import ArgumentParser

/// `conform report`: render report formats from a report.json.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render report formats from a report.json."
    )

    func run() async throws {
        throw CommandFailure(message: "'conform report' is not available in this build yet")
    }
}

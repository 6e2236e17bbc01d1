import ArgumentParser

/// The `conform` command line: checks a server against the GPUStack inference API contract, and
/// serves a deterministic stand-in for one.
@main
struct Conform: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conform",
        abstract: "Check an inference gateway against the GPUStack inference API contract.",
        discussion: """
            Exit codes: 0 no failure at the --fail-on level, 1 failures, 2 could not run \
            (bad input, bad configuration, unreachable target), 130 interrupted.
            """,
        version: ConformVersion.current,
        subcommands: [
            RunCommand.self, DiscoverCommand.self, MockCommand.self, WorkerCommand.self, ValidateCommand.self,
            FixturesCommand.self, ReportCommand.self,
        ]
    )

    /// Runs the chosen subcommand. Usage errors exit 2, like every other "could not run" case,
    /// rather than argument-parser's 64, so scripts see one code for "not a verdict".
    static func main() async {
        if let asked = VersionReport.requested(Array(CommandLine.arguments.dropFirst())) {
            StandardOutput.write(VersionReport.text(root: asked.root))
            return
        }
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            StandardError.write("conform: \(failure.message)\n")
            exit(withError: ExitCode(failure.exitCode))
        } catch {
            if exitCode(for: error) == .validationFailure {
                StandardError.write(fullMessage(for: error) + "\n")
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}

/// The version printed by `conform --version` and recorded in every report.
enum ConformVersion {
    static let current = "0.1.0"
}

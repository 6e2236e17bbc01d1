import ArgumentParser
import ConformReport
import Foundation

/// `conform report`: render report formats from a report.json.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render report formats from a report.json.",
        discussion: """
            Reads a report.json written by 'conform run' and writes the formats asked for: \
            junit.xml (JUnit XML for CI test views), report.md (a GitHub step summary), \
            report.html (one self-contained page) and report.json (the report rewritten in canonical \
            form). reports/README.md describes each format. The value of GPUSTACK_API_KEY, when set, \
            is scrubbed from every file written.

            Exit codes: 0 the files were written, 2 the input could not be read or is not a \
            conform report (the message names the file and the field), or a file could not be written.
            """
    )

    @Argument(help: ArgumentHelp("The report.json to render.", valueName: "REPORT.json"))
    var report: String

    @Option(help: ArgumentHelp("Comma-separated formats to write: json, junit, md, html.", valueName: "FORMATS"))
    var format = "junit,md,html"

    @Option(help: ArgumentHelp("The directory to write into (default: the directory holding REPORT.json).", valueName: "DIR"))
    var out: String?

    func validate() throws {
        do {
            _ = try ReportFormat.list(parsing: format)
        } catch {
            throw ValidationError("--format: \(error)")
        }
    }

    func run() async throws {
        let formats: [ReportFormat]
        do {
            formats = try ReportFormat.list(parsing: format)
        } catch {
            throw CommandFailure(message: "--format: \(error)")
        }
        let input = URL(filePath: report)
        let loaded: RunReport
        do {
            loaded = try RunReport(contentsOf: input)
        } catch {
            throw CommandFailure(message: error.description)
        }
        let directory = out.map { URL(filePath: $0, directoryHint: .isDirectory) } ?? input.deletingLastPathComponent()
        let secrets = [ProcessInfo.processInfo.environment["GPUSTACK_API_KEY"]].compactMap { $0 }
        do {
            let files = try ReportWriter.write(loaded, formats: formats, to: directory, secrets: secrets)
            StandardOutput.write(files.map { $0.path + "\n" }.joined())
        } catch {
            throw CommandFailure(message: error.description)
        }
    }
}

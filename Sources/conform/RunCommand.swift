import ArgumentParser
import ConformContract
import ConformHTTP
import ConformReport
import ConformRunner
import ConformSchema
import ConformSuite
import Foundation
import MockProvider

/// `conform run`: run the suite against a server (or the embedded mock) and write compliance reports.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the suite against a server (or the embedded mock) and write compliance reports.",
        discussion: """
            Without --base-url or --target, starts the embedded mock on a free loopback port and runs \
            every case with goldens. With --base-url, runs against that server with the key from \
            --api-key or GPUSTACK_API_KEY (no key is refused unless --no-auth says the target has \
            none); models and route ids default to the names the GPUStack docs use (chat=qwen3, \
            embed=bge-m3, rerank=bge-reranker-v2-m3, route embed=42), or come from a target file \
            that conform discover wrote (--target). A case whose role is not mapped is skipped; the \
            headline names each unmapped role with the flag that maps it, and --fail-on-skip or \
            --require ROLE make a CI job demand that nothing skipped.

            Counting: a check's result binds at the weaker of the check's level and its case's; a \
            case counts at the level of its worst binding failure; --fail-on says which count. The \
            terminal, report.json, report.md, report.html and junit.xml all count this way, and agree \
            with the exit code. An endpoint the server does not have at all is one result, \
            unsupported, at must.

            Roles: \(ModelRole.allCases.map(\.rawValue).joined(separator: ", ")); route roles: \
            \(RouteRole.allCases.map(\.rawValue).joined(separator: ", ")).

            Reports go to <report-dir>/<UTC timestamp>-<host>/ (report.json, junit.xml, report.md, \
            report.html). The key never appears in them: reproduction commands read it from \
            $GPUSTACK_API_KEY.

            Exit codes: 0 no failure at the --fail-on level, 1 failures (or skips with \
            --fail-on-skip), 2 could not run (bad options, no key without --no-auth, an unmapped \
            --require role, an unreachable target), 130 interrupted.
            """
    )

    @Option(
        name: .customLong("target"),
        help: ArgumentHelp(
            "A target file (written by conform discover): base URL, roles, routes, baseline, levels; options override it.",
            valueName: "file"))
    var targetFile: String?

    @Option(
        name: .customLong("base-url"),
        help: ArgumentHelp("The server to check; without it (and without --target) the embedded mock is started.", valueName: "url"))
    var baseURL: String?

    @Option(
        name: .customLong("api-key"), help: ArgumentHelp("The API key to present (default: $GPUSTACK_API_KEY).", valueName: "key")
    )
    var apiKey: String?

    @Flag(
        name: .customLong("no-auth"),
        help: "The target takes no API key. Without it, a run against a server with no key (or an empty one) is refused.")
    var noAuth = false

    @Option(
        name: .customLong("model"),
        help: ArgumentHelp("Map a role to a model name (repeatable), e.g. --model chat=qwen3.", valueName: "role=name"))
    var models: [String] = []

    @Option(
        name: .customLong("route"),
        help: ArgumentHelp("Map a route role to a model route id (repeatable), e.g. --route embed=42.", valueName: "role=id"))
    var routes: [String] = []

    @Option(
        name: .customLong("only"),
        help: ArgumentHelp("Run only cases whose id or endpoint matches the glob (repeatable).", valueName: "glob"))
    var only: [String] = []

    @Option(help: ArgumentHelp("must runs only must-level cases and checks; should (default) runs all.", valueName: "must|should"))
    var level: RequirementLevel?

    @Flag(help: "Compare goldens: the target claims to answer exactly as the mock does (always on for the embedded mock).")
    var golden = false

    @Option(help: ArgumentHelp("How many cases run at once.", valueName: "n"))
    var concurrency = 4

    @Option(help: ArgumentHelp("The longest an exchange may take, a stream included, and the longest wait for each stream event.", valueName: "seconds"))
    var timeout: Double = 30

    @Option(
        name: .customLong("report-dir"),
        help: ArgumentHelp(
            "Where report folders are written (default: reports/ in the checkout, or in the current directory for a bundle); - writes the one --format on standard output, the summary on standard error.",
            valueName: "dir"))
    var reportDirectory: String?

    var reportsToStandardOutput: Bool { reportDirectory == "-" }

    @Option(help: ArgumentHelp("Report formats to write, comma-separated.", valueName: "json,junit,md,html"))
    var format = "json,junit,md,html"

    @Option(help: ArgumentHelp("Accepted failures by case id and check name, with reasons (JSON).", valueName: "file"))
    var baseline: String?

    @Option(
        name: .customLong("fail-on"),
        help: ArgumentHelp(
            "Which results fail the run (default must).",
            discussion: """
                A check's result binds at the weaker of the check's level and its case's; a case counts at the \
                level of its worst binding failure. must: cases failing at must (and endpoints the server \
                lacks) fail the run; should: any failure; any: any failure or error; never: nothing. \
                Failures the baseline accepts never count. Every report counts the same way.
                """,
            valueName: "must|should|any|never"))
    var failOn: FailurePolicy?

    @Flag(name: .customLong("fail-on-skip"), help: "A skipped case (an unmapped role) fails the run: demand that every case ran.")
    var failOnSkip = false

    @Option(
        name: .customLong("require"),
        help: ArgumentHelp(
            "A role that must be mapped for the run to start (repeatable): chat, embed, ..., or route.embed, route.echo.",
            valueName: "role"))
    var required: [String] = []

    @Flag(help: "Show each exchange as it finishes.")
    var verbose = false

    @Option(help: ArgumentHelp("A PEM bundle of certificate authorities to trust for an https target.", valueName: "file"))
    var cacert: String?

    @Flag(help: "Skip certificate and host-name verification (self-signed test deployments).")
    var insecure = false

    @OptionGroup var project: ProjectOptions

    func validate() throws {
        guard concurrency >= 1, concurrency <= 64 else { throw ValidationError("--concurrency must be between 1 and 64") }
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds") }
        let formats = try reportFormats()
        if reportsToStandardOutput, formats.count != 1 {
            throw ValidationError("--report-dir - writes one report on standard output: give one --format (json, junit, md or html)")
        }
        if baseURL == nil, targetFile == nil, cacert != nil || insecure {
            throw ValidationError("--cacert and --insecure apply to an https --base-url, not to the embedded mock")
        }
    }

    func reportFormats() throws -> [ReportFormat] {
        do {
            return try ReportFormat.list(parsing: format)
        } catch {
            throw ValidationError("--format \(error)")
        }
    }

    func run() async throws {
        let layout = try project.layout()
        let file = try targetFile.map { path throws(CommandFailure) in
            do { return try TargetFile.load(path: path) } catch { throw CommandFailure(message: "--target \(error)") }
        }
        let environmentKey = ProcessInfo.processInfo.environment["GPUSTACK_API_KEY"]
        let key = (apiKey ?? environmentKey).flatMap { $0.isEmpty ? nil : $0 }
        let formats = try reportFormats()
        let baselinePath = baseline ?? file?.baseline.map { Self.relative($0, to: targetFile!) }
        let baselineFile: Baseline
        do {
            baselineFile = try baselinePath.map(Baseline.load(path:)) ?? Baseline()
        } catch {
            throw CommandFailure(message: "--baseline \(error)")
        }
        do {
            _ = try RoleAssignment.apply(models: models, routes: routes, to: RoleMapping())
        } catch {
            throw CommandFailure(message: error.description)
        }
        let remote = baseURL ?? file?.baseURL
        let noAuth = self.noAuth || (file?.noAuth ?? false)
        if remote != nil, key == nil, !noAuth {
            throw CommandFailure(
                message: """
                    no API key for \(remote!): pass --api-key KEY or set GPUSTACK_API_KEY (an empty value counts as none), \
                    or pass --no-auth if the target takes no key
                    """)
        }
        let suite = try SuiteLoading.load(layout: layout, requireGoldens: true)
        let settings = RunSettings(
            selection: CaseSelection(only: only, level: level ?? file?.level ?? .should), concurrency: concurrency,
            timeout: .milliseconds(Int64(timeout * 1000)), failurePolicy: failOn ?? file?.failOn ?? .must, failOnSkip: failOnSkip,
            baseline: baselineFile, baselinePath: baselinePath, suiteVersion: ConformVersion.current)
        for entry in baselineFile.entries where !suite.fixtures.fixtures.contains(where: { $0.id == entry.caseID }) {
            StandardError.write("conform: warning: the baseline names '\(entry.caseID)', which is not a case of this suite\n")
        }
        let display = RunProgressDisplay(verbose: verbose)
        let outcome: SuiteOutcome
        let secrets = [key].compactMap { $0 }
        let requiredRoles = required + (file?.require ?? [])
        if let remote {
            let target: TargetConfiguration
            do {
                let base = file?.roles ?? .documentedDefaults
                let roles = try RoleAssignment.apply(models: models, routes: routes, to: base)
                try RoleAssignment.require(requiredRoles, in: roles)
                target = try TargetConfiguration(
                    baseURL: remote, apiKey: key, roles: roles, tls: TLSOptions(caFile: cacert, insecure: insecure),
                    deterministic: golden)
            } catch {
                throw CommandFailure(message: error.description)
            }
            outcome = await InterruptSignal.interruptible {
                await SuiteRunner(target: target, settings: settings, schemas: suite.schemas).run(
                    suite.fixtures, progress: display.caseFinished)
            }
        } else {
            let mockKey = key ?? MockConfiguration.defaultAPIKey
            outcome = try await EmbeddedMock.run(apiKey: mockKey) { mock in
                let roles = try RoleAssignment.apply(models: models, routes: routes, to: mock.roles)
                try RoleAssignment.require(requiredRoles, in: roles)
                let target = try TargetConfiguration(
                    baseURL: mock.baseURL, apiKey: mockKey, roles: roles, deterministic: true, embeddedMock: true)
                return await InterruptSignal.interruptible {
                    await SuiteRunner(target: target, settings: settings, schemas: suite.schemas).run(
                        suite.fixtures, progress: display.caseFinished)
                }
            }
        }
        display.finish()
        if reportsToStandardOutput, let format = formats.first {
            StandardError.write(RunSummaryTable(report: outcome.report, style: TerminalStyle(descriptor: 2)).render())
            StandardOutput.write(bytes: ReportWriter.render(outcome.report, as: format, secrets: secrets))
        } else {
            let written = try writeReports(outcome.report, formats: formats, layout: layout, secrets: secrets)
            StandardOutput.write(RunSummaryTable(report: outcome.report, style: TerminalStyle(descriptor: 1)).render())
            StandardOutput.write("\nreports written to \(written.directory.path)/ (\(written.files.map(\.lastPathComponent).joined(separator: ", ")))\n")
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }

    /// Writes the report folder: a new one under the report directory, named for the run.
    func writeReports(
        _ report: RunReport, formats: [ReportFormat], layout: ProjectLayout, secrets: [String]
    ) throws(CommandFailure) -> (directory: URL, files: [URL]) {
        let parent = reportDirectory.map { URL(filePath: $0, directoryHint: .isDirectory) } ?? layout.reports
        var directory = parent.appending(path: report.directoryName, directoryHint: .isDirectory)
        var suffix = 2
        while FileManager.default.fileExists(atPath: directory.path) {
            directory = parent.appending(path: "\(report.directoryName)-\(suffix)", directoryHint: .isDirectory)
            suffix += 1
        }
        do {
            return (directory, try ReportWriter.write(report, formats: formats, to: directory, secrets: secrets))
        } catch {
            throw CommandFailure(message: "could not write the report: \(error)")
        }
    }

    /// `path` as written in the target file at `file`: relative to the file's folder.
    static func relative(_ path: String, to file: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        let folder = URL(filePath: file).deletingLastPathComponent()
        return folder.appending(path: path).path
    }
}

extension RequirementLevel: ExpressibleByArgument {}
extension FailurePolicy: ExpressibleByArgument {}

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
            Without --base-url, starts the embedded mock on a free loopback port and runs every case \
            with goldens. With --base-url, runs against that server with the key from --api-key or \
            GPUSTACK_API_KEY; models and route ids default to the names the GPUStack docs use \
            (chat=qwen3, embed=bge-m3, rerank=bge-reranker-v2-m3, route embed=42) and cases whose \
            role is not mapped are skipped.

            Roles: \(ModelRole.allCases.map(\.rawValue).joined(separator: ", ")); route roles: \
            \(RouteRole.allCases.map(\.rawValue).joined(separator: ", ")).

            Reports go to <report-dir>/<UTC timestamp>-<host>/ (report.json, junit.xml, report.md, \
            report.html). The key never appears in them: reproduction commands read it from \
            $GPUSTACK_API_KEY.

            Exit codes: 0 no failure at the --fail-on level, 1 failures, 2 could not run (bad \
            configuration, unreachable target), 130 interrupted.
            """
    )

    @Option(
        name: .customLong("base-url"),
        help: ArgumentHelp("The server to check; without it the embedded mock is started.", valueName: "url"))
    var baseURL: String?

    @Option(
        name: .customLong("api-key"), help: ArgumentHelp("The API key to present (default: $GPUSTACK_API_KEY).", valueName: "key")
    )
    var apiKey: String?

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

    @Option(help: ArgumentHelp("must runs only must-level cases and checks; should runs all.", valueName: "must|should"))
    var level: RequirementLevel = .should

    @Flag(help: "Compare goldens: the target claims to answer exactly as the mock does (always on for the embedded mock).")
    var golden = false

    @Option(help: ArgumentHelp("How many cases run at once.", valueName: "n"))
    var concurrency = 4

    @Option(help: ArgumentHelp("The longest an exchange may take, a stream included, and the longest wait for each stream event.", valueName: "seconds"))
    var timeout: Double = 30

    @Option(
        name: .customLong("report-dir"),
        help: ArgumentHelp("Where report folders are written (default: reports/ in the checkout).", valueName: "dir"))
    var reportDirectory: String?

    @Option(help: ArgumentHelp("Report formats to write, comma-separated.", valueName: "json,junit,md,html"))
    var format = "json,junit,md,html"

    @Option(help: ArgumentHelp("Accepted failures by case id and check name, with reasons (JSON).", valueName: "file"))
    var baseline: String?

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Which results fail the run.", valueName: "must|should|any|never"))
    var failOn: FailurePolicy = .must

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
        _ = try reportFormats()
        if baseURL == nil, cacert != nil || insecure {
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
        let environmentKey = ProcessInfo.processInfo.environment["GPUSTACK_API_KEY"]
        let key = apiKey ?? environmentKey
        let formats = try reportFormats()
        let baselineFile: Baseline
        do {
            baselineFile = try baseline.map(Baseline.load(path:)) ?? Baseline()
        } catch {
            throw CommandFailure(message: "--baseline \(error)")
        }
        do {
            _ = try RoleAssignment.apply(models: models, routes: routes, to: RoleMapping())
        } catch {
            throw CommandFailure(message: error.description)
        }
        let suite = try SuiteLoading.load(layout: layout, requireGoldens: true)
        let settings = RunSettings(
            selection: CaseSelection(only: only, level: level), concurrency: concurrency,
            timeout: .milliseconds(Int64(timeout * 1000)),
            failurePolicy: failOn, baseline: baselineFile, baselinePath: baseline, suiteVersion: ConformVersion.current)
        for entry in baselineFile.entries where !suite.fixtures.fixtures.contains(where: { $0.id == entry.caseID }) {
            StandardError.write("conform: warning: the baseline names '\(entry.caseID)', which is not a case of this suite\n")
        }
        let display = RunProgressDisplay(verbose: verbose)
        let outcome: SuiteOutcome
        let secrets = [key].compactMap { $0 }
        if let baseURL {
            let target: TargetConfiguration
            do {
                let roles = try RoleAssignment.apply(models: models, routes: routes, to: .documentedDefaults)
                target = try TargetConfiguration(
                    baseURL: baseURL, apiKey: key, roles: roles, tls: TLSOptions(caFile: cacert, insecure: insecure),
                    deterministic: golden)
            } catch {
                throw CommandFailure(message: error.description)
            }
            if target.apiKey == nil {
                StandardError.write(
                    "conform: warning: no API key (--api-key or GPUSTACK_API_KEY); cases that need one are skipped\n")
            }
            outcome = await InterruptSignal.interruptible {
                await SuiteRunner(target: target, settings: settings, schemas: suite.schemas).run(
                    suite.fixtures, progress: display.caseFinished)
            }
        } else {
            let mockKey = key ?? MockConfiguration.defaultAPIKey
            outcome = try await EmbeddedMock.run(apiKey: mockKey) { mock in
                let roles = try RoleAssignment.apply(models: models, routes: routes, to: mock.roles)
                let target = try TargetConfiguration(
                    baseURL: mock.baseURL, apiKey: mockKey, roles: roles, deterministic: true, embeddedMock: true)
                return await InterruptSignal.interruptible {
                    await SuiteRunner(target: target, settings: settings, schemas: suite.schemas).run(
                        suite.fixtures, progress: display.caseFinished)
                }
            }
        }
        display.finish()
        let parent = reportDirectory.map { URL(filePath: $0, directoryHint: .isDirectory) } ?? layout.reports
        var directory = parent.appending(path: outcome.report.directoryName, directoryHint: .isDirectory)
        var suffix = 2
        while FileManager.default.fileExists(atPath: directory.path) {
            directory = parent.appending(path: "\(outcome.report.directoryName)-\(suffix)", directoryHint: .isDirectory)
            suffix += 1
        }
        let written: [URL]
        do {
            written = try ReportWriter.write(outcome.report, formats: formats, to: directory, secrets: secrets)
        } catch {
            throw CommandFailure(message: "could not write the report: \(error)")
        }
        StandardOutput.write(RunSummaryTable(report: outcome.report).render())
        StandardOutput.write(
            "\nreports written to \(directory.path)/ (\(written.map(\.lastPathComponent).joined(separator: ", ")))\n")
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}

extension RequirementLevel: ExpressibleByArgument {}
extension FailurePolicy: ExpressibleByArgument {}

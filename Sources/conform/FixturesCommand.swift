import ArgumentParser
import ConformContract
import ConformReport
import ConformRunner
import ConformSuite
import Foundation
import MockProvider

/// `conform fixtures`: list the fixture cases or regenerate their goldens from the mock.
struct FixturesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixtures",
        abstract: "List the fixture cases or regenerate their goldens from the mock.",
        subcommands: [List.self, Regenerate.self]
    )

    /// `conform fixtures list`: every case with its endpoint, level and summary.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every case: id, endpoint, level and summary.")

        @OptionGroup var project: ProjectOptions

        func run() async throws {
            let suite = try SuiteLoading.load(layout: try project.layout(), requireGoldens: false)
            let fixtures = suite.fixtures.fixtures
            let idWidth = fixtures.map(\.id.count).max() ?? 2
            let endpointWidth = max(fixtures.map(\.endpoint.rawValue.count).max() ?? 8, "endpoint".count)
            func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
            var output = "\(pad("id", idWidth))  \(pad("endpoint", endpointWidth))  level   summary\n"
            for fixture in fixtures {
                output +=
                    "\(pad(fixture.id, idWidth))  \(pad(fixture.endpoint.rawValue, endpointWidth))  \(pad(fixture.level.rawValue, 6))  \(fixture.summary)\n"
            }
            output +=
                "\(fixtures.count) cases (\(fixtures.filter { $0.level == .must }.count) must, \(fixtures.filter { $0.level == .should }.count) should)\n"
            StandardOutput.write(output)
        }
    }

    /// `conform fixtures regenerate`: rewrite every golden from the embedded mock.
    struct Regenerate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rewrite every golden from the embedded mock.",
            discussion:
                "Starts the embedded mock, sends each case's request and stores the answer next to the fixture as its golden.")

        @OptionGroup var project: ProjectOptions

        func run() async throws {
            let layout = try project.layout()
            let suite = try SuiteLoading.load(layout: layout, requireGoldens: false)
            let key = MockConfiguration.defaultAPIKey
            let (written, unchanged) = try await EmbeddedMock.run(apiKey: key) { mock in
                let target = try TargetConfiguration(
                    baseURL: mock.baseURL, apiKey: key, roles: mock.roles, deterministic: true, embeddedMock: true)
                let capture = GoldenCapture(target: target)
                var written: [String] = []
                var unchanged = 0
                for fixture in suite.fixtures.fixtures {
                    guard let name = fixture.expectation.golden else { continue }
                    let relative = fixture.folder + "/" + name
                    let bytes = try await capture.capture(fixture)
                    if bytes == fixture.golden?.bytes {
                        unchanged += 1
                        continue
                    }
                    try Data(bytes).write(to: layout.fixtures.appending(path: relative), options: .atomic)
                    written.append(relative)
                }
                return (written, unchanged)
            }
            for file in written { StandardOutput.write("wrote Fixtures/\(file)\n") }
            StandardOutput.write("\(written.count) goldens written, \(unchanged) unchanged\n")
        }
    }
}

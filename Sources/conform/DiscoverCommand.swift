import ArgumentParser
import ConformHTTP
import ConformRunner
import Foundation

/// `conform discover`: probe a server for which of its models plays each role, and write a target
/// file a CI job commits and runs with `conform run --target`.
struct DiscoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Find which of a server's models plays each role, and write a target file for conform run --target.",
        discussion: """
            Lists GET /v1/models, probes each model with the cheapest request of each kind (a \\
            one-token chat completion, a one-word embedding, a one-document rerank, one word of \\
            speech, a transcription of a short WAV, a 256x256 image) until one answers, reads \\
            GPUStack's route list (GET /v2/model-routes) for route ids when the key may, and finds a \\
            generic-proxy upstream that answers with an echo report. Roles nothing answered stay \\
            unmapped, with the reason, in the file.

            Exit codes: 0 the file was written, 2 the model list could not be read or the file \\
            could not be written.
            """
    )

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The server to probe.", valueName: "url"))
    var baseURL: String

    @Option(
        name: .customLong("api-key"), help: ArgumentHelp("The API key to present (default: $GPUSTACK_API_KEY).", valueName: "key"))
    var apiKey: String?

    @Flag(name: .customLong("no-auth"), help: "The target takes no API key.")
    var noAuth = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the target file.", valueName: "file"))
    var output = "target.json"

    @Option(help: ArgumentHelp("The longest one probe may take.", valueName: "seconds"))
    var timeout: Double = 60

    @Option(help: ArgumentHelp("A PEM bundle of certificate authorities to trust for an https target.", valueName: "file"))
    var cacert: String?

    @Flag(help: "Skip certificate and host-name verification (self-signed test deployments).")
    var insecure = false

    @OptionGroup var project: ProjectOptions

    func validate() throws {
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds") }
        guard baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://") else {
            throw ValidationError("--base-url '\(baseURL)' is not an http:// or https:// URL")
        }
    }

    func run() async throws {
        let layout = try project.layout()
        let key = (apiKey ?? ProcessInfo.processInfo.environment["GPUSTACK_API_KEY"]).flatMap { $0.isEmpty ? nil : $0 }
        if key == nil && !noAuth {
            throw CommandFailure(
                message: "no API key for \(baseURL): pass --api-key KEY or set GPUSTACK_API_KEY, or --no-auth if the target takes no key")
        }
        let audio: [UInt8]
        do {
            audio = Array(try Data(contentsOf: layout.fixtures.appending(path: "assets/hello-panda.wav")))
        } catch {
            throw CommandFailure(message: "cannot read the sample audio Fixtures/assets/hello-panda.wav: \(error.localizedDescription)")
        }
        let discovery = TargetDiscovery(
            baseURL: baseURL, apiKey: key, tls: TLSOptions(caFile: cacert, insecure: insecure),
            timeout: .milliseconds(Int64(timeout * 1000)), sampleAudio: audio)
        let result: TargetDiscovery.Result
        do {
            result = try await discovery.discover()
        } catch {
            throw CommandFailure(message: error.description)
        }
        for line in result.log { StandardError.write("conform discover: \(line)\n") }
        do {
            try Data(result.target.document).write(to: URL(filePath: output), options: .atomic)
        } catch {
            throw CommandFailure(message: "could not write \(output): \(error.localizedDescription)")
        }
        let mapped = result.target.models.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            + result.target.routes.sorted { $0.key < $1.key }.map { "route.\($0.key)=\($0.value)" }
        var summary = "wrote \(output): \(mapped.isEmpty ? "no role mapped" : mapped.joined(separator: ", "))"
        if let unmapped = result.target.unmapped, !unmapped.isEmpty {
            summary += "; unmapped: \(unmapped.keys.sorted().joined(separator: ", "))"
        }
        StandardOutput.write(summary + "\nrun it with: conform run --target \(output)\n")
    }
}

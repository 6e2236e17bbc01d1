import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the built `conform` executable with arguments and an environment, collecting what it
/// printed and how it exited, as a shell or a CI job would see it.
struct ConformProcess {
    struct Result {
        var exitCode: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The package's own folder, for the scripts and data the tests run.
    static let packageRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `conform` binary next to the test bundle in the build directory.
    static func executable() throws -> URL {
        let candidates = [
            URL(filePath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
        ]
        for directory in candidates {
            let binary = directory.appending(path: "conform")
            if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "conform next to \(CommandLine.arguments[0])"])
    }

    /// Runs `conform arguments` to its end; with `interruptAfter`, sends it SIGINT (Ctrl-C) after
    /// that long, as a user would.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], interruptAfter: Duration? = nil, executable: URL? = nil,
        in directory: URL? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = try executable ?? Self.executable()
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "GPUSTACK_API_KEY")
        for (name, value) in environment { merged[name] = value }
        process.environment = merged
        // Files rather than pipes: nothing the process prints can fill a buffer and block it.
        let scratch = FileManager.default.temporaryDirectory.appending(path: "conform-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outputFile = scratch.appending(path: "stdout")
        let errorFile = scratch.appending(path: "stderr")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        if let interruptAfter {
            let (seconds, attoseconds) = interruptAfter.components
            Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
            kill(process.processIdentifier, SIGINT)
        }
        process.waitUntilExit()
        return Result(
            exitCode: process.terminationStatus,
            standardOutput: try String(contentsOf: outputFile, encoding: .utf8),
            standardError: try String(contentsOf: errorFile, encoding: .utf8))
    }

    /// `run` without holding a thread of the shared pool while the process works: the wait
    /// happens on a thread of its own, so tests of timing that run beside it are not starved.
    static func launch(
        _ arguments: [String], environment: [String: String] = [:], executable: URL? = nil, in directory: URL? = nil
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Swift.Result { try run(arguments, environment: environment, executable: executable, in: directory) })
            }
        }
    }
}

import ConformJSON
import ConformTestSupport
import Foundation
import Testing

@testable import conform

/// What a user of the release bundle or a CI job meets: the binary finding its data beside
/// itself from any directory, `--version` saying which data and revision, the report on
/// standard output, colour only where it belongs, a port in use said plainly.
@Suite("The binary out of its checkout", .serialized, .timeLimit(.minutes(2)))
struct ReleaseBundleTests {
    /// A bundle's layout made from the built binary: bin/conform and share/conform/{Fixtures,Schemas,REVISION}.
    /// The binary is a hard link where it can be (a debug build is large), which the kernel
    /// reports as the running executable's own path, as a copy would be.
    static func makeBundle(in directory: TemporaryDirectory) throws -> URL {
        let fileManager = FileManager.default
        let bundle = directory.url.appending(path: "conform-test-bundle")
        try fileManager.createDirectory(at: bundle.appending(path: "bin"), withIntermediateDirectories: true)
        try fileManager.createDirectory(at: bundle.appending(path: "share/conform"), withIntermediateDirectories: true)
        let binary = bundle.appending(path: "bin/conform")
        do {
            try fileManager.linkItem(at: try ConformProcess.executable(), to: binary)
        } catch {
            try fileManager.copyItem(at: try ConformProcess.executable(), to: binary)
        }
        for folder in ["Fixtures", "Schemas"] {
            try fileManager.copyItem(at: ConformProcess.packageRoot.appending(path: folder), to: bundle.appending(path: "share/conform/\(folder)"))
        }
        try Data("0123456789ab\n".utf8).write(to: bundle.appending(path: "share/conform/REVISION"))
        return bundle
    }

    @Test("A bundled binary run from another directory finds its data beside itself and says so")
    func bundleFindsItsData() async throws {
        let directory = try TemporaryDirectory()
        let bundle = try Self.makeBundle(in: directory)
        let elsewhere = directory.url.appending(path: "elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let binary = bundle.appending(path: "bin/conform")

        let version = try await ConformProcess.launch(["--version"], executable: binary, in: elsewhere)
        #expect(version.exitCode == 0)
        let lines = version.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "conform \(ConformVersion.current)")
        #expect(lines.contains("revision 0123456789ab"))
        #expect(lines.contains { $0.hasPrefix("fixtures ") && $0.hasSuffix(" fixtures)") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("data ") && $0.hasSuffix("share/conform (the bundle beside the binary)") }, "\(lines)")

        let run = try await ConformProcess.launch(["run", "--only", "models.*", "--format", "json"], executable: binary, in: elsewhere)
        #expect(run.exitCode == 0, "\(run.standardError)")
        // The bundle's data may be read-only and shared: reports go under the current directory.
        let reports = try FileManager.default.contentsOfDirectory(atPath: elsewhere.appending(path: "reports").path)
        #expect(reports.count == 1)
        #expect(!FileManager.default.fileExists(atPath: bundle.appending(path: "share/conform/reports").path))
    }

    @Test("--root beats the bundle; a checkout's --version reads the commit from .git")
    func explicitRootAndCheckoutRevision() async throws {
        let version = try await ConformProcess.launch(["--version", "--root", ConformProcess.packageRoot.path])
        #expect(version.exitCode == 0)
        #expect(version.standardOutput.contains("(--root)"))
        let head = GitCheckout(root: ConformProcess.packageRoot).commit
        if let head {
            #expect(version.standardOutput.contains("revision \(head.prefix(12))"))
        }
        let missing = try await ConformProcess.launch(["--version", "--root", "/nonexistent"])
        #expect(missing.standardOutput.contains("data: /nonexistent has no Fixtures/ and Schemas/ folders"))
    }

    @Test("GitCheckout reads a loose ref, a packed ref and a detached head")
    func gitCheckout() async throws {
        let directory = try TemporaryDirectory()
        let commit = String(repeating: "ab", count: 20)
        try directory.write(".git/HEAD", "ref: refs/heads/main\n")
        try directory.write(".git/packed-refs", "# pack-refs with: peeled\n\(commit) refs/heads/main\n")
        #expect(GitCheckout(root: directory.url).commit == commit)
        let loose = String(repeating: "cd", count: 20)
        try directory.write(".git/refs/heads/main", loose + "\n")
        #expect(GitCheckout(root: directory.url).commit == loose)
        try directory.write(".git/HEAD", commit + "\n")
        #expect(GitCheckout(root: directory.url).commit == commit)
        try directory.write(".git/HEAD", "ref: refs/heads/gone\n")
        #expect(GitCheckout(root: directory.url).commit == nil)
    }

    @Test("--report-dir - writes the one report on standard output and the summary on standard error")
    func reportOnStandardOutput() async throws {
        let run = try await ConformProcess.launch(["run", "--only", "models.*", "--format", "json", "--report-dir", "-"])
        #expect(run.exitCode == 0, "\(run.standardError)")
        let report = try JSONParser().parse(run.standardOutput)
        #expect(report["outcome"]?["status"] == "passed")
        #expect(run.standardError.contains("PASSED"))
        let two = try await ConformProcess.launch(["run", "--format", "json,md", "--report-dir", "-"])
        #expect(two.exitCode == 2)
        #expect(two.standardError.contains("give one --format"))
    }

    @Test("Colour only on a terminal, and never with NO_COLOR, in CI or on a dumb terminal")
    func colour() async throws {
        // Standard input of a test run is not a terminal unless it is; /dev/null never is.
        let notTerminal = open("/dev/null", O_RDONLY)
        defer { close(notTerminal) }
        #expect(!TerminalStyle(descriptor: notTerminal, environment: [:]).colours)
        #expect(TerminalStyle(colours: true).paint("FAIL", .red) == "\u{1B}[31mFAIL\u{1B}[0m")
        #expect(TerminalStyle.plain.paint("FAIL", .red) == "FAIL")
        #expect(TerminalStyle(isTerminal: true, environment: ["TERM": "xterm"]).colours)
        #expect(!TerminalStyle(isTerminal: true, environment: ["TERM": "xterm", "NO_COLOR": "1"]).colours)
        #expect(!TerminalStyle(isTerminal: true, environment: ["TERM": "xterm", "CI": "true"]).colours)
        #expect(!TerminalStyle(isTerminal: true, environment: ["TERM": "dumb"]).colours)
        #expect(!TerminalStyle(isTerminal: false, environment: ["TERM": "xterm"]).colours)
        // A run's output read by a program carries no escape codes.
        let run = try await ConformProcess.launch(["run", "--only", "models.*", "--format", "json", "--report-dir", "-"])
        #expect(!run.standardError.contains("\u{1B}["))
    }

    @Test("A port already in use is said in plain words, exit code 2")
    func portInUse() async throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        #expect(bound == 0)
        #expect(listen(listener, 1) == 0)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        let port = Int(UInt16(bigEndian: address.sin_port))
        for command in ["mock", "worker"] {
            let result = try await ConformProcess.launch([command, "--port", "\(port)"])
            #expect(result.exitCode == 2)
            #expect(result.standardError.contains("port \(port) is already in use by another program"), "\(result.standardError)")
        }
    }
}

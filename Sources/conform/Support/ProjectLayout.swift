import Foundation

/// Where conform finds its data (`Fixtures/`, `Schemas/`) and writes reports by default. The data
/// folder is, in order: `--root`, `CONFORM_HOME`, the release bundle's `share/conform` beside the
/// binary (`bin/../share/conform`), the current directory or a parent (a checkout), the
/// executable's directory or a parent (a binary under `.build/` finds the checkout it was built
/// from). An explicit choice comes first so that a bundled binary can run other fixtures.
struct ProjectLayout: Sendable {
    var root: URL
    var source: Source

    /// How the data folder was found, as `conform --version` says it.
    enum Source: String, Sendable {
        case option = "--root"
        case environment = "CONFORM_HOME"
        case bundle = "the bundle beside the binary"
        case workingTree = "the working tree"
        case buildTree = "the checkout the binary was built in"
    }

    var fixtures: URL { root.appending(path: "Fixtures", directoryHint: .isDirectory) }
    var schemas: URL { root.appending(path: "Schemas", directoryHint: .isDirectory) }

    /// The default report folder: `reports/` of a checkout, or of the current directory when the
    /// data is a bundle's (which may be read-only and is shared by every user).
    var reports: URL {
        let base = source == .bundle ? URL(filePath: FileManager.default.currentDirectoryPath, directoryHint: .isDirectory) : root
        return base.appending(path: "reports", directoryHint: .isDirectory)
    }

    static func locate(explicitRoot: String? = nil) throws(CommandFailure) -> ProjectLayout {
        if let explicitRoot {
            let url = URL(filePath: explicitRoot, directoryHint: .isDirectory).standardizedFileURL
            guard holdsData(url) else {
                throw CommandFailure(message: "\(explicitRoot) has no Fixtures/ and Schemas/ folders; point --root at a conform checkout or a bundle's share/conform")
            }
            return ProjectLayout(root: url, source: .option)
        }
        var candidates: [(URL, Source)] = []
        if let home = ProcessInfo.processInfo.environment["CONFORM_HOME"], !home.isEmpty {
            candidates.append((URL(filePath: home, directoryHint: .isDirectory), .environment))
        }
        let binaryDirectory = executableURL.deletingLastPathComponent()
        candidates.append((binaryDirectory.appending(path: "../share/conform", directoryHint: .isDirectory), .bundle))
        candidates += ancestors(of: URL(filePath: FileManager.default.currentDirectoryPath, directoryHint: .isDirectory)).map { ($0, .workingTree) }
        candidates += ancestors(of: binaryDirectory).map { ($0, .buildTree) }
        if let (found, source) = candidates.first(where: { holdsData($0.0) }) {
            return ProjectLayout(root: found.standardizedFileURL, source: source)
        }
        throw CommandFailure(
            message: "cannot find the Fixtures/ and Schemas/ folders: not beside the binary (../share/conform), nor in the current directory or its parents; set CONFORM_HOME or pass --root")
    }

    /// The running binary, symbolic links resolved: `/proc/self/exe` where there is one, so a
    /// binary started through `PATH` is found wherever it lives.
    static var executableURL: URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return URL(filePath: path) }
        return URL(filePath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    }

    /// The source revision of the data: the bundle's `REVISION` file, else the checkout's commit
    /// read from `.git` (without running git), else nil.
    var revision: String? {
        if let text = try? String(contentsOf: root.appending(path: "REVISION"), encoding: .utf8) {
            let revision = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !revision.isEmpty { return revision }
        }
        return GitCheckout(root: root).commit.map { String($0.prefix(12)) }
    }

    private static func holdsData(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return ["Fixtures", "Schemas"].allSatisfy {
            FileManager.default.fileExists(atPath: url.appending(path: $0).path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    private static func ancestors(of url: URL) -> [URL] {
        var chain: [URL] = []
        var current = url.standardizedFileURL
        while true {
            chain.append(current)
            let parent = current.deletingLastPathComponent().standardizedFileURL
            if parent.path == current.path { return chain }
            current = parent
        }
    }
}

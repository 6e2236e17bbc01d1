import Foundation

/// Where conform finds its data (`Fixtures/`, `Schemas/`) and writes reports by default: the
/// directory holding both data folders, found from `--root`, then `CONFORM_HOME`, then the current
/// directory and its parents, then the executable's directory and its parents (so a binary under
/// `.build/` finds the checkout it was built from).
struct ProjectLayout: Sendable {
    var root: URL

    var fixtures: URL { root.appending(path: "Fixtures", directoryHint: .isDirectory) }
    var schemas: URL { root.appending(path: "Schemas", directoryHint: .isDirectory) }
    var reports: URL { root.appending(path: "reports", directoryHint: .isDirectory) }

    static func locate(explicitRoot: String? = nil) throws(CommandFailure) -> ProjectLayout {
        if let explicitRoot {
            let url = URL(filePath: explicitRoot, directoryHint: .isDirectory).standardizedFileURL
            guard holdsData(url) else {
                throw CommandFailure(message: "\(explicitRoot) has no Fixtures/ and Schemas/ folders; point --root at a conform checkout")
            }
            return ProjectLayout(root: url)
        }
        var candidates: [URL] = []
        if let home = ProcessInfo.processInfo.environment["CONFORM_HOME"], !home.isEmpty {
            candidates.append(URL(filePath: home, directoryHint: .isDirectory))
        }
        candidates += ancestors(of: URL(filePath: FileManager.default.currentDirectoryPath, directoryHint: .isDirectory))
        candidates += ancestors(of: URL(filePath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent())
        if let found = candidates.first(where: holdsData) {
            return ProjectLayout(root: found.standardizedFileURL)
        }
        throw CommandFailure(
            message: "cannot find the Fixtures/ and Schemas/ folders; run from a conform checkout, set CONFORM_HOME or pass --root")
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

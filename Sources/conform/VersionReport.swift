import ConformSuite
import Foundation

/// What `conform --version` prints: the version, the source revision, the digest of the fixtures
/// it would run, and the data folder with how it was found, so a CI log says exactly which suite
/// judged a server. `--root DIR` after it shows another data folder's.
enum VersionReport {
    /// What the arguments ask for when they ask for the version.
    struct Request {
        /// The data folder `--root` names, if any.
        var root: String?
    }

    /// The request, when the arguments are `--version`, optionally with `--root DIR`.
    static func requested(_ arguments: [String]) -> Request? {
        guard arguments.first == "--version" else { return nil }
        switch arguments.count {
        case 1: return Request(root: nil)
        case 3 where arguments[1] == "--root": return Request(root: arguments[2])
        default: return nil
        }
    }

    static func text(root explicitRoot: String?) -> String {
        var lines = ["conform \(ConformVersion.current)"]
        let layout: ProjectLayout
        do {
            layout = try ProjectLayout.locate(explicitRoot: explicitRoot)
        } catch {
            lines.append("data: \(error.message)")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("revision \(layout.revision ?? "unknown")")
        switch Result(catching: { () throws(CommandFailure) in try SuiteLoading.load(layout: layout, requireGoldens: false) }) {
        case .success(let suite): lines.append("fixtures \(suite.fixtures.digest) (\(suite.fixtures.fixtures.count) fixtures)")
        case .failure(let failure): lines.append("fixtures: \(failure.message)")
        }
        lines.append("data \(layout.root.path) (\(layout.source.rawValue))")
        return lines.joined(separator: "\n") + "\n"
    }
}

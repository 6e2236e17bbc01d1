import Foundation

/// The commit a git checkout has out, read from its `.git` folder without running git: `HEAD`,
/// then the branch's loose ref or its line in `packed-refs`.
struct GitCheckout {
    let root: URL

    var commit: String? {
        let git = root.appending(path: ".git", directoryHint: .isDirectory)
        guard let head = read(git.appending(path: "HEAD")) else { return nil }
        guard head.hasPrefix("ref: ") else { return Self.isCommit(head) ? head : nil }
        let reference = String(head.dropFirst("ref: ".count))
        if let loose = read(git.appending(path: reference)), Self.isCommit(loose) { return loose }
        guard let packed = read(git.appending(path: "packed-refs")) else { return nil }
        for line in packed.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[1] == reference, Self.isCommit(String(parts[0])) { return String(parts[0]) }
        }
        return nil
    }

    private func read(_ url: URL) -> String? {
        (try? String(contentsOf: url, encoding: .utf8)).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    private static func isCommit(_ text: String) -> Bool {
        text.count >= 40 && text.allSatisfy(\.isHexDigit)
    }
}

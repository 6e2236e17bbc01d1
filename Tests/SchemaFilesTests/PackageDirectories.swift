import Foundation

/// The folders the schema tests read, found from this file's own path so the tests work from any
/// working directory: the package root, its `Schemas/`, and the examples next to this file.
enum PackageDirectories {
    /// `Tests/SchemaFilesTests/` itself.
    static let testTarget = URL(filePath: #filePath).deletingLastPathComponent()
    static let root = testTarget.deletingLastPathComponent().deletingLastPathComponent()
    static let schemas = root.appending(path: "Schemas", directoryHint: .isDirectory)
    static let examples = testTarget.appending(path: "Examples", directoryHint: .isDirectory)
}

import ConformJSON
import Foundation
import Synchronization

/// Writes recorded exchanges into a folder, one stub file each, numbered in the order the
/// exchanges completed (`0001-POST-v1-chat-completions.json`), in the stub file format
/// (`Schemas/mock/stubs.schema.json`), and reads a folder of them back for replay.
final class ExchangeRecorder: Sendable {
    let directory: URL
    private let count = Mutex(0)

    init(directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        count.withLock { $0 = existing.filter { $0.hasSuffix(".json") }.count }
    }

    func write(_ stub: Stub) throws {
        let number = count.withLock { count in
            count += 1
            return count
        }
        var stub = stub
        let slug = (stub.match.path ?? "/").split(separator: "/").joined(separator: "-").filter { $0.isLetter || $0.isNumber || $0 == "-" }
        let name = String(format: "%04d", number) + "-\(stub.match.method ?? "ANY")-\(slug.prefix(60)).json"
        stub.id = String(name.dropLast(5))
        let document: JSON = ["stubs": [try JSONValueEncoder().encode(stub)]]
        try Data(document.serialized(.pretty) + [UInt8(ascii: "\n")]).write(to: directory.appending(path: name))
    }

    /// The stubs of a recorded folder, in file order, with recordings of the same request merged
    /// into one stub that answers them in turn (the last repeating).
    static func replay(directory: URL) throws(StubFileError) -> [Stub] {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw StubFileError(file: directory.path, pointer: "", message: "cannot be read: \(error.localizedDescription)")
        }
        var merged: [Stub] = []
        for file in files {
            for stub in try StubFile.load(path: directory.appending(path: file).path) {
                if let index = merged.firstIndex(where: { $0.match == stub.match }) {
                    merged[index].respond += stub.respond
                } else {
                    merged.append(stub)
                }
            }
        }
        return merged
    }
}

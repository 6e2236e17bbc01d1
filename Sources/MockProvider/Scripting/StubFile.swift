import ConformJSON
import Foundation

/// A stub file (`--stubs FILE`, a recording): `{"stubs": [...]}` as `Schemas/mock/stubs.schema.json`
/// describes, read strictly, so a misspelt member is refused naming the file and the member.
public enum StubFile {
    public static func load(path: String) throws(StubFileError) -> [Stub] {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(filePath: path)))
        } catch {
            throw StubFileError(file: path, pointer: "", message: "cannot be read: \(error.localizedDescription)")
        }
        return try parse(bytes, file: path)
    }

    /// The stubs of a folder `--record` wrote, recordings of the same request merged into one
    /// stub that answers them in turn.
    public static func loadRecordings(directory: String) throws(StubFileError) -> [Stub] {
        try ExchangeRecorder.replay(directory: URL(filePath: directory))
    }

    public static func parse(_ bytes: [UInt8], file: String) throws(StubFileError) -> [Stub] {
        let document: JSON
        do {
            document = try JSONParser().parse(bytes)
        } catch {
            throw StubFileError(file: file, pointer: "", message: "is not valid JSON: \(error)")
        }
        guard let list = document["stubs"] else { throw StubFileError(file: file, pointer: "", message: "has no 'stubs' list") }
        do {
            let stubs = try JSONValueDecoder(rejectsUnknownMembers: true).decode([Stub].self, from: list)
            var seen = Set<String>()
            for (index, stub) in stubs.enumerated() where !seen.insert(stub.id).inserted {
                throw StubFileError(file: file, pointer: "/stubs/\(index)/id", message: "'\(stub.id)' is the id of an earlier stub")
            }
            return stubs
        } catch let error as StubFileError {
            throw error
        } catch let error as JSONDecodingError {
            throw StubFileError(file: file, pointer: "/stubs" + error.pointer.description, message: error.message)
        } catch {
            throw StubFileError(file: file, pointer: "/stubs", message: "\(error)")
        }
    }
}

/// Why a stub file cannot be used: the file, the JSON pointer of the member at fault, and what is wrong.
public struct StubFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var pointer: String
    public var message: String

    public var description: String { "\(file): \(pointer.isEmpty ? "" : pointer + ": ")\(message)" }
}

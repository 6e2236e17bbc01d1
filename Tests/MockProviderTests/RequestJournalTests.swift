import ConformJSON
import Foundation
import HTTPTypes
import NIOCore
import Testing

@testable import MockProvider

/// The journal's memory and file, apart from HTTP: the most recent exchanges kept in order past
/// the capacity, each line of the file the same record the admin API answers.
@Suite("The request journal")
struct RequestJournalTests {
    /// Exchange 1 has its model noted by a route; the others name it only in their body.
    static func exchange(_ id: Int, model: String? = "qwen3-0.6b", stub: String? = nil) -> ExchangeRecord {
        var head = HTTPRequest(method: .post, scheme: "http", authority: "127.0.0.1", path: "/v1/chat/completions" + (id.isMultiple(of: 2) ? "?a=1" : ""))
        head.headerFields = [.authorization: "Bearer secret", .contentType: "application/json", .contentLength: "22"]
        let body = model.map { #"{"model":"\#($0)"}"# } ?? "not json"
        return ExchangeRecord(
            id: id, arrived: 1_796_558_400.25, head: head, body: ExchangeRecord.KeptBody(ByteBuffer(string: body)), model: id == 1 ? model : nil, stream: false,
            status: 200, responseBytes: 120, duration: .microseconds(1500), firstByte: id.isMultiple(of: 2) ? .microseconds(500) : nil,
            stub: stub, fault: nil)
    }

    @Test("Past its capacity the journal keeps the most recent, oldest first, and filters them")
    func keepsTheMostRecent() throws {
        let journal = try RequestJournal(capacity: 3)
        for id in 1...7 { journal.observe(Self.exchange(id, stub: id == 6 ? "tool" : nil)) }
        #expect(journal.entries().map(\.id) == [5, 6, 7])
        #expect(journal.entries(JournalQuery(stub: "tool")).map(\.id) == [6])
        #expect(journal.entries(JournalQuery(limit: 2)).map(\.id) == [6, 7])
        journal.reset()
        #expect(journal.entries().isEmpty)
        journal.observe(Self.exchange(8))
        #expect(journal.entries().map(\.id) == [8])
    }

    @Test("Each line of the file is the record the admin API answers, the same as its Codable form, keys masked")
    func writesLines() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "journal-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let journal = try RequestJournal(capacity: 2, path: path)
        for id in 1...3 { journal.observe(Self.exchange(id, model: id == 3 ? nil : "qwen3-0.6b")) }
        journal.flush()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        for (line, id) in zip(lines, 1...3) {
            let parsed = try JSONParser().parse(Array(line.utf8))
            let observed = Self.exchange(id, model: id == 3 ? nil : "qwen3-0.6b").observed
            #expect(parsed == (try JSONValueEncoder().encode(observed)))
            #expect(parsed["headers"]?["authorization"]?.stringValue == "Bearer ****")
            #expect(parsed["model"]?.stringValue == (id == 3 ? nil : "qwen3-0.6b"))
            #expect(parsed["json"] == (id == 3 ? nil : ["model": "qwen3-0.6b"]))
            #expect(parsed["body"]?.stringValue == (id == 3 ? "not json" : nil))
        }
        #expect(Self.exchange(1).observed.time == "2026-12-06T12:00:00.250Z")
        #expect(Self.exchange(2).observed.query == "a=1")
    }

    @Test("A journal file that cannot be opened is a clear error")
    func unopenable() {
        #expect(throws: CocoaError.self) { try RequestJournal(path: "/nonexistent-dir/journal.jsonl") }
    }
}

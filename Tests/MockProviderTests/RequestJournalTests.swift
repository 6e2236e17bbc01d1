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

    @Test("When the writer falls behind, the request that fills its queue writes the queue itself: nothing waits unbounded, nothing is lost")
    func boundsThePending() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "journal-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let journal = try RequestJournal(capacity: 2, path: path, pendingLimit: 3)
        for id in 1...7 { journal.observe(Self.exchange(id)) }
        // Before the writer's delay has passed (on a loaded machine it may have) the two full queues are written.
        let early = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(early.count >= 6)
        journal.flush()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.map { try? JSONParser().parse(Array($0.utf8))["id"]?.integerValue } == (1...7).map { Int64($0) })
    }

    @Test("A journal file that cannot be opened is a clear error")
    func unopenable() {
        #expect(throws: CocoaError.self) { try RequestJournal(path: "/nonexistent-dir/journal.jsonl") }
    }
}

/// The journal file's line written byte by byte must read back as the record the admin API
/// answers, whatever the request held.
@Suite("A journal line")
struct JournalLineTests {
    static func record(
        path: String, fields: HTTPFields, body: ByteBuffer?, isJSON: Bool? = nil, model: String? = nil, duration: Duration, firstByte: Duration? = nil,
        stub: String? = nil, fault: String? = nil
    ) -> ExchangeRecord {
        var head = HTTPRequest(method: .post, scheme: "http", authority: "127.0.0.1", path: path)
        head.headerFields = fields
        return ExchangeRecord(
            id: 42, arrived: 1_796_558_400.999, head: head, body: body.map { ExchangeRecord.KeptBody($0, isJSON: isJSON) }, model: model, stream: true,
            status: 429, responseBytes: 0, duration: duration, firstByte: firstByte, stub: stub, fault: fault)
    }

    static func line(_ record: ExchangeRecord) throws -> (text: String, parsed: JSON) {
        var bytes: [UInt8] = []
        JournalLine.append(record, to: &bytes)
        #expect(bytes.last == 0x0A)
        #expect(bytes.dropLast().allSatisfy { $0 != 0x0A })
        return (String(decoding: bytes, as: UTF8.self), try JSONParser().parse(Array(bytes.dropLast())))
    }

    @Test("Quotes, backslashes, control bytes and text that is not UTF-8 are escaped or repaired as the admin API shows them")
    func escapes() throws {
        var fields: HTTPFields = [.contentType: "text/plain; q=\"a\\b\"", .authorization: "Bearer s3cret", .cookie: "a=1"]
        fields.append(HTTPField(name: HTTPField.Name("X-Trace")!, value: "one"))
        fields.append(HTTPField(name: HTTPField.Name("x-trace")!, value: "two"))
        fields.append(HTTPField(name: .accept, value: "*/*"))
        let body = ByteBuffer(bytes: Array("line\n\t\"quoted\" \\ \u{1}".utf8) + [0xFF, 0x41])
        let record = Self.record(
            path: "/v1/x?q=%22a%22&b=\\", fields: fields, body: body, model: "m\"1", duration: .nanoseconds(1_234_567), firstByte: .seconds(2), stub: "tab\there",
            fault: "cut after 3 events")
        let (_, parsed) = try Self.line(record)
        #expect(parsed == (try JSONValueEncoder().encode(record.observed)))
        #expect(parsed["headers"]?["x-trace"]?.stringValue == "one, two")
        #expect(parsed["headers"]?["authorization"]?.stringValue == "Bearer ****")
        #expect(parsed["headers"]?["cookie"]?.stringValue == "****")
        #expect(parsed["body"]?.stringValue == "line\n\t\"quoted\" \\ \u{1}\u{FFFD}A")
    }

    @Test("Headers are written sorted by name, as the admin API orders them")
    func sortedHeaders() throws {
        let fields: HTTPFields = [.userAgent: "u", .accept: "a", .contentType: "c"]
        let (text, _) = try Self.line(Self.record(path: "/", fields: fields, body: nil, duration: .zero))
        #expect(text.contains(#""headers":{"accept":"a","content-type":"c","user-agent":"u"}"#))
    }

    @Test("Durations are written as the Double's own text, to the microsecond")
    func durations() throws {
        let cases: [(Duration, String)] = [
            (.zero, "0.0"), (.nanoseconds(400), "0.0"), (.nanoseconds(500), "0.001"), (.microseconds(250), "0.25"), (.milliseconds(12), "12.0"),
            (.nanoseconds(1_234_567), "1.235"), (.seconds(90), "90000.0"), (.microseconds(100_010), "100.01"),
        ]
        for (duration, text) in cases {
            var bytes: [UInt8] = []
            JournalLine.milliseconds(duration, &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == text)
            #expect(text == ExchangeRecord.milliseconds(duration).description)
        }
        for microseconds in [1, 9, 10, 99, 100, 999, 1000, 1001, 123_456_789, 987_654_321_000] {
            var bytes: [UInt8] = []
            JournalLine.milliseconds(.microseconds(microseconds), &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == (Double(microseconds) / 1000).description)
        }
    }

    @Test("A body a route found to be JSON is written as json without a second parse; one it found not to be, as text")
    func notedJSON() throws {
        let json = ByteBuffer(string: "{\"model\":\n\"m\"}")
        let (_, asJSON) = try Self.line(Self.record(path: "/v1/chat/completions", fields: [:], body: json, isJSON: true, model: "m", duration: .zero))
        #expect(asJSON["json"] == ["model": "m"])
        let text = ByteBuffer(string: "{\"model\":")
        let (_, asText) = try Self.line(Self.record(path: "/v1/chat/completions", fields: [:], body: text, isJSON: false, model: "m", duration: .zero))
        #expect(asText["body"]?.stringValue == "{\"model\":")
        #expect(asText["json"] == nil)
    }

    @Test("Only the body as first read is noted as parsed, not a rewrite of it")
    func notesOnlyTheFirstBody() {
        let notes = ExchangeNotes()
        let original = ByteBuffer(string: "{\"a\":1}")
        notes.noteBody(original)
        notes.noteParsed(ByteBuffer(string: "{\"a\":2}"), isJSON: false)
        #expect(notes.snapshot.bodyIsJSON == nil)
        notes.noteParsed(original, isJSON: true)
        #expect(notes.snapshot.bodyIsJSON == true)
    }

    @Test("A small body read as part of a larger buffer is kept as a copy of its own bytes")
    func keepsSmallBodiesApart() {
        var read = ByteBufferAllocator().buffer(capacity: 4096)
        read.writeString("POST / HTTP/1.1\r\n\r\n{\"a\":1}")
        let body = read.getSlice(at: 19, length: 7)!
        let kept = ExchangeRecord.KeptBody(body)
        #expect(kept.preview == body)
        #expect(kept.preview.storageCapacity < 4096)
        #expect(kept.isWhole)
    }
}

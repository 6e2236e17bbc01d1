import HTTPWire
import Testing

@Suite struct EventStreamParserTests {
    private func events(_ text: String) -> [ServerSentEvent] {
        var parser = EventStreamParser()
        return parser.feed(Array(text.utf8)).compactMap {
            if case .event(let event) = $0 { return event }
            return nil
        }
    }

    @Test func dataOnlyEventsAsOpenAISendsThem() {
        let received = events("data: {\"a\":1}\n\ndata: [DONE]\n\n")
        #expect(received == [ServerSentEvent(data: "{\"a\":1}"), ServerSentEvent(data: "[DONE]")])
        #expect(received[0].type == "message")
    }

    @Test func namedEventsAsAnthropicSendsThem() {
        let received = events("event: message_start\ndata: {\"type\":\"message_start\"}\n\nevent: ping\ndata: {\"type\": \"ping\"}\n\n")
        #expect(received.map(\.type) == ["message_start", "ping"])
        #expect(received[1].data == "{\"type\": \"ping\"}")
    }

    @Test func multiLineDataIsJoinedWithLineFeeds() {
        #expect(events("data: first\ndata:second\ndata:  third\n\n") == [ServerSentEvent(data: "first\nsecond\n third")])
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func everyLineEndingIsAccepted(_ end: String) {
        let text = ["event: e", "data: 1", "", "data: 2", "", ""].joined(separator: end)
        #expect(events(text) == [ServerSentEvent(event: "e", data: "1"), ServerSentEvent(data: "2")])
    }

    @Test func aLeadingByteOrderMarkIsSkipped() {
        #expect(events("\u{FEFF}data: x\n\n") == [ServerSentEvent(data: "x")])
    }

    @Test func idAndRetryAreKept() {
        let received = events("id: 7\nretry: 1500\ndata: a\n\ndata: b\n\nid\ndata: c\n\n")
        #expect(received[0] == ServerSentEvent(data: "a", id: "7", retry: 1500))
        #expect(received[1] == ServerSentEvent(data: "b", id: "7"))
        #expect(received[2].id == "")
    }

    @Test func commentsAreReportedSeparately() {
        var parser = EventStreamParser()
        let outputs = parser.feed(Array(": keep-alive\n\ndata: x\n\n".utf8))
        #expect(outputs == [.comment("keep-alive"), .event(ServerSentEvent(data: "x"))])
        #expect(parser.diagnostics.isEmpty)
    }

    @Test func splittingTheStreamAnywhereGivesTheSameEvents() {
        let text = "\u{FEFF}event: a\r\ndata: 1\r\n\r\n: c\r\ndata: é\r\rdata: 3\n\n"
        let whole = events(text)
        let bytes = Array(text.utf8)
        var parser = EventStreamParser()
        var pieces: [ServerSentEvent] = []
        for byte in bytes {
            for output in parser.feed([byte]) {
                if case .event(let event) = output { pieces.append(event) }
            }
        }
        #expect(pieces == whole)
        #expect(whole.map(\.data) == ["1", "é", "3"])
    }

    @Test func splittingTheStreamInTwoAnywhereGivesTheSameEvents() {
        let text = "event: a\r\ndata: 1\r\n\r\ndata: é\r\rdata: 3\n\n"
        let whole = events(text)
        let bytes = Array(text.utf8)
        for cut in 0...bytes.count {
            var parser = EventStreamParser()
            let outputs = parser.feed(bytes[..<cut]) + parser.feed(bytes[cut...])
            let pieces = outputs.compactMap { output -> ServerSentEvent? in
                if case .event(let event) = output { return event }
                return nil
            }
            #expect(pieces == whole, "cut at byte \(cut)")
            #expect(parser.lineCount == 7, "cut at byte \(cut)")
        }
    }

    @Test func bytesWithoutContiguousStorageAreParsedAlike() {
        let text = "event: a\r\ndata: 1\r\n\r\ndata: 2\n\n"
        var parser = EventStreamParser()
        let outputs = parser.feed(text.utf8.lazy.map { $0 })
        #expect(outputs == [.event(ServerSentEvent(event: "a", data: "1")), .event(ServerSentEvent(data: "2"))])
    }

    @Test func whatTheStandardIgnoresIsNoted() {
        var parser = EventStreamParser()
        let outputs = parser.feed(Array("{\"bare\":\"json\"}\n\nretry: soon\nevent: only\n\ndata: tail".utf8))
        parser.finish()
        #expect(outputs.isEmpty)
        let messages = parser.diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("unknown field") })
        #expect(messages.contains { $0.contains("retry value") })
        #expect(messages.contains { $0.contains("without a data field") })
        #expect(messages.contains { $0.contains("middle of a line") })
    }

    @Test func anEventWithoutItsBlankLineIsDiscardedAtTheEnd() {
        var parser = EventStreamParser()
        let outputs = parser.feed(Array("data: 1\n\ndata: 2\n".utf8))
        parser.finish()
        #expect(outputs == [.event(ServerSentEvent(data: "1"))])
        #expect(parser.diagnostics.map(\.line) == [3])
    }
}

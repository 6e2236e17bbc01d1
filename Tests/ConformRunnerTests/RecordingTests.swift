import ConformHTTP
import ConformJSON
import ConformReport
import ConformSuite
import HTTPWire
import Testing

@testable import ConformRunner

@Suite struct RecordingTests {
    @Test func recordsDescribeBinaryBodiesAndLeaveScrubbingToTheRunner() {
        let response = ObservedResponse(
            status: 200, headers: [HeaderLine(name: "Content-Type", value: "audio/wav")], body: [0xFF, 0xFE, 0x00, 0x80])
        let request = OutgoingRequest(method: "POST", url: "http://h/v1/x", headers: ["Authorization": "Bearer k"], body: .json(["a": 1]))
        let record = ExchangeRecording.record(request, response: response, timings: nil, transportError: nil)
        #expect(record.requestHeaders == [ReportHeader(name: "Authorization", value: "Bearer k")])
        #expect(record.requestBody == "{\"a\":1}")
        #expect(record.responseBody == "<4 bytes of audio/wav>")
    }

    @Test func streamsRecordArrivalsDiagnosticsAndInterruption() {
        let stream = ObservedStream(
            events: [StreamEvent(index: 0, name: nil, data: "{}", arrival: .milliseconds(5)), StreamEvent(index: 1, name: nil, data: "[DONE]", arrival: .milliseconds(9))],
            diagnostics: [EventStreamDiagnostic(line: 4, kind: .endedMidLine, message: "stream ended in the middle of a line")],
            interruption: StreamInterruption(kind: .connectionLost, message: "reset by peer"))
        let record = ExchangeRecording.streamRecord(stream)
        #expect(record == StreamRecord(eventCount: 2, arrivalMilliseconds: [5, 9], diagnostics: ["line 4: stream ended in the middle of a line"], interruption: "connectionLost: reset by peer"))
    }

    @Test func longBodiesAreCutToAPreview() {
        let text = String(repeating: "a", count: ExchangeRecording.previewLimit + 10)
        let response = ObservedResponse(status: 200, headers: [], body: Array(text.utf8))
        let record = ExchangeRecording.record(OutgoingRequest(url: "u"), response: response, timings: nil, transportError: nil)
        #expect(record.responseBody?.count == ExchangeRecording.previewLimit)
        #expect(record.responseBodyTruncated)
    }

    @Test func aCutNeverSplitsACharacter() {
        // 'é' is two bytes: an odd prefix puts the limit in the middle of one.
        let text = "a" + String(repeating: "é", count: ExchangeRecording.previewLimit)
        let (head, truncated) = ExchangeRecording.cut(text)
        #expect(truncated)
        #expect(head == "a" + String(repeating: "é", count: ExchangeRecording.previewLimit / 2 - 1))
        #expect(!head.contains("\u{FFFD}"))
    }

    @Test func checkValuesBeyondThePreviewBecomeAStringNamingTheirSize() {
        let small: JSON = ["object": "chat.completion"]
        #expect(CheckValuePreview.preview(small) == small)
        let large = JSON.array(Array(repeating: .string("abcdefgh"), count: 2000))
        let preview = CheckValuePreview.preview(large).stringValue ?? ""
        #expect(preview.hasPrefix("[\"abcdefgh\",\"abcdefgh\""))
        #expect(preview.hasSuffix("… (22001 bytes of JSON in all, cut to 8192)"))
    }
}

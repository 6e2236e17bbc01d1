import ConformJSON
import ConformReport
import ConformSuite
import Testing

@testable import ConformRunner

@Suite struct RecordingTests {
    func prepared(
        _ body: PreparedBody?, credentials: CredentialPresentation = .bearer, headers: [HeaderLine] = []
    ) -> PreparedRequest {
        var all = headers
        if let credential = credentials.header(key: testKey) { all.append(credential) }
        return PreparedRequest(method: "POST", path: "/v1/x", headers: all, body: body, credentials: credentials)
    }

    @Test func jsonRequestsReplayWithTheKeyAsAVariable() {
        let command = CurlCommand.render(
            prepared(.json(["q": "it's"])), url: "http://h/v1/x", streaming: false, assetRoot: "Fixtures")
        #expect(
            command == """
                curl -sS \\
                  -X POST \\
                  'http://h/v1/x' \\
                  -H "Authorization: Bearer $GPUSTACK_API_KEY" \\
                  -H 'Content-Type: application/json' \\
                  --data-binary '{"q":"it'\\''s"}'
                """)
    }

    @Test func multipartFilesPointAtTheAssets() {
        let file = FileUpload(
            name: "file", path: "assets/hello-panda.wav", contentType: "audio/wav", filename: "hello.wav", data: [1])
        let command = CurlCommand.render(
            prepared(.multipart(fields: [FormField(name: "model", value: "@whisper")], files: [file]), credentials: .xAPIKey),
            url: "http://h/v1/x", streaming: false, assetRoot: "Fixtures")
        #expect(command.contains("-H \"X-API-Key: $GPUSTACK_API_KEY\""))
        #expect(command.contains("--form-string 'model=@whisper'"))
        #expect(command.contains("-F 'file=@Fixtures/assets/hello-panda.wav;type=audio/wav;filename=hello.wav'"))
    }

    @Test func rawTextIsSentWithoutAnInventedContentType() {
        let command = CurlCommand.render(
            prepared(.text("{bad"), credentials: .wrongKey), url: "http://h/v1/x", streaming: true, assetRoot: "F")
        #expect(command.contains("-N"))
        #expect(command.contains("-H 'Content-Type:'"))
        #expect(command.contains("-H 'Authorization: Bearer \(CredentialPresentation.unknownKey)'"))
    }

    @Test func recordsRedactTheKeyAndDescribeBinaryBodies() {
        let recording = ExchangeRecording(scrubber: SecretScrubber(secrets: [testKey]))
        let response = ObservedResponse(
            status: 200,
            headers: [HeaderLine(name: "Content-Type", value: "audio/wav"), HeaderLine(name: "X-Echo", value: testKey)],
            body: [0xFF, 0xFE, 0x00, 0x80])
        let record = recording.record(
            request: prepared(.json(["leak": .string(testKey)])), url: "http://h/v1/x", response: response, timings: nil,
            transportError: nil)
        #expect(record.requestHeaders == [ReportHeader(name: "Authorization", value: "Bearer $GPUSTACK_API_KEY")])
        #expect(record.requestBody == "{\"leak\":\"$GPUSTACK_API_KEY\"}")
        #expect(record.responseHeaders.last == ReportHeader(name: "X-Echo", value: "$GPUSTACK_API_KEY"))
        #expect(record.responseBody == "<4 bytes of audio/wav>")
    }

    @Test func longBodiesAreCutToAPreview() {
        let recording = ExchangeRecording(scrubber: SecretScrubber(secrets: []))
        let text = String(repeating: "a", count: ExchangeRecording.previewLimit + 10)
        let response = ObservedResponse(status: 200, headers: [], body: Array(text.utf8))
        let record = recording.record(request: prepared(nil), url: "u", response: response, timings: nil, transportError: nil)
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

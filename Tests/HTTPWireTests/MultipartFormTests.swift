import ConformJSON
import HTTPWire
import Testing

@Suite struct MultipartFormTests {
    @Test("Multipart forms parse text fields and files, and malformed ones say why")
    func parsing() throws {
        let body = Array("--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nm\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a;b.wav\"\r\nContent-Type: audio/wav\r\n\r\nRIFF\r\n--b--\r\n".utf8)
        let form = try MultipartFormParser().parse(body, contentType: "multipart/form-data; boundary=b")
        #expect(form.text("model") == "m")
        #expect(form.part(named: "file")?.filename == "a;b.wav")
        #expect(form.part(named: "file")?.data == Array("RIFF".utf8))
        #expect(throws: MultipartFormParser.Failure.self) { try MultipartFormParser().parse(body, contentType: "multipart/form-data") }
        #expect(throws: MultipartFormParser.Failure.self) { try MultipartFormParser().parse(Array(body.prefix(60)), contentType: "multipart/form-data; boundary=b") }
    }

    @Test("What the encoder writes, the parser reads back, names with quotes and line breaks included")
    func roundTrip() throws {
        let form = MultipartForm(parts: [
            .text("model", "whisper"), .text("odd \"name\"\r\n", "v"),
            .file("image[]", filename: "a \"b\".png", contentType: "image/png", data: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]),
        ])
        let parsed = try MultipartFormParser().parse(form.encoded(boundary: "xyz"), contentType: MultipartForm.contentType(boundary: "xyz"))
        #expect(parsed.parts.map(\.data) == form.parts.map(\.data))
        #expect(parsed.text("model") == "whisper")
        #expect(parsed.parts[1].name == "odd %22name%22%0D%0A")
        #expect(parsed.parts[2].filename == "a %22b%22.png")
        #expect(parsed.parts[2].contentType == "image/png")
    }

    @Test("Backslash escapes in quoted disposition values are read in one pass, however many there are", .timeLimit(.minutes(1)))
    func manyBackslashes() throws {
        let escaped = String(repeating: "\\\\", count: 1_000_000)
        let body = Array("--b\r\nContent-Disposition: form-data; name=\"\(escaped)x\"\r\n\r\nv\r\n--b--\r\n".utf8)
        let form = try MultipartFormParser().parse(body, contentType: "multipart/form-data; boundary=b")
        #expect(form.parts.first?.name.count == 1_000_001)
        #expect(form.parts.first?.name.hasSuffix("\\x") == true)
    }
}

@Suite struct ProxyEchoReportTests {
    @Test("The echo report keeps header order, joins repeated headers, and writes an absent query as null")
    func roundTrip() throws {
        let report = ProxyEchoReport(
            method: "POST", path: "/v1/x", query: nil,
            receivedHeaders: [(name: "b", value: "1"), (name: "a", value: "2"), (name: "b", value: "3")], body: "{}", json: [:])
        #expect(report.headers.map(\.name) == ["b", "a"])
        #expect(report.header("B") == "1, 3")
        let json = try JSONValueEncoder().encode(report)
        #expect(json["query"] == .null)
        #expect(json["headers"]?.objectValue?.keys == ["b", "a"])
        #expect(try JSONValueDecoder().decode(ProxyEchoReport.self, from: json) == report)
    }
}

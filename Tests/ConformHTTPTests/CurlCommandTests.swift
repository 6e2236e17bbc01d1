import ConformHTTP
import ConformJSON
import ConformTestSupport
import Foundation
import HTTPWire
import Synchronization
import Testing

/// The reproduction command is rendered from the request the transport sends, and the real
/// `curl` running it sends the same request line, headers and body.
@Suite(.timeLimit(.minutes(1))) struct CurlCommandTests {
    static let key = "gpustack_0123456789abcdef_0123456789abcdef0123456789abcdef"

    @Test func jsonRequestsReplayWithTheKeyAsAVariable() {
        let request = OutgoingRequest(
            method: "POST", url: "http://h/v1/x", headers: ["Authorization": "Bearer \(Self.key)"], body: .json(["q": "it's"]))
        #expect(
            CurlCommand.render(request, secrets: [Self.key]) == """
                curl -sS \\
                  -X POST \\
                  'http://h/v1/x' \\
                  -H "Authorization: Bearer $GPUSTACK_API_KEY" \\
                  -H 'Accept:' \\
                  -H 'Expect:' \\
                  -H 'Content-Type: application/json' \\
                  --data-binary '{"q":"it'\\''s"}'
                """)
    }

    @Test func multipartFilesPointAtTheirOriginAndRawTextGetsNoInventedType() {
        let form = MultipartForm(parts: [
            .text("model", "@whisper"),
            .file("file", filename: "hello.wav", contentType: "audio/wav", data: [1], origin: "Fixtures/assets/hello-panda.wav"),
        ])
        let multipart = CurlCommand.render(
            OutgoingRequest(method: "POST", url: "http://h/x", headers: ["X-API-Key": Self.key], body: .multipart(form)), secrets: [Self.key])
        #expect(multipart.contains("-H \"X-API-Key: $GPUSTACK_API_KEY\""))
        #expect(multipart.contains("--form-string 'model=@whisper'"))
        #expect(multipart.contains("-F 'file=@Fixtures/assets/hello-panda.wav;type=audio/wav;filename=hello.wav'"))
        let raw = CurlCommand.render(OutgoingRequest(method: "POST", url: "http://h/x", body: .bytes(Array("{bad".utf8), contentType: nil)), streaming: true)
        #expect(raw.contains("-N"))
        #expect(raw.contains("-H 'Content-Type:'"))
    }

    /// The request a server received, as request line, header lines and body.
    struct Captured: Equatable, CustomStringConvertible {
        var line: String
        var headers: [String]
        var body: [UInt8]
        var description: String { ([line] + headers).joined(separator: "\n") + "\n\n" + String(decoding: body, as: UTF8.self) }

        init(_ raw: [UInt8]) {
            let split = (0..<raw.count - 3).first { raw[$0..<$0 + 4].elementsEqual([13, 10, 13, 10]) } ?? raw.count
            let head = String(decoding: raw[..<split], as: UTF8.self).components(separatedBy: "\r\n")
            line = head[0]
            // curl names itself and the server's host:port; the transport's libcurl does not add the first.
            headers = head.dropFirst().filter { !$0.lowercased().hasPrefix("user-agent:") }
            body = Array(raw[min(split + 4, raw.count)...])
        }
    }

    static func runShell(_ command: String, port: Int) throws {
        let process = Process()
        process.executableURL = URL(filePath: "/bin/sh")
        process.arguments = ["-c", command.replacingOccurrences(of: "PORT", with: String(port))]
        var environment = ProcessInfo.processInfo.environment
        environment["GPUSTACK_API_KEY"] = Self.key
        process.environment = environment
        try process.run()
        process.waitUntilExit()
    }

    @Test("curl running the command sends what the transport sent", arguments: [
        OutgoingRequest(method: "POST", url: "http://127.0.0.1:PORT/v1/chat/completions?x=1", headers: ["Authorization": "Bearer \(key)"], body: .json(["model": "q", "messages": [["role": "user", "content": "it's \"quoted\" $HOME"]]])),
        OutgoingRequest(method: "GET", url: "http://127.0.0.1:PORT/v1/models", headers: ["X-API-Key": key, "X-Empty": ""]),
        OutgoingRequest(method: "PATCH", url: "http://127.0.0.1:PORT/model/proxy/43/echo", headers: ["Authorization": "Bearer \(key)", "Content-Type": "text/plain"], body: .bytes(Array("raw text".utf8), contentType: nil)),
        OutgoingRequest(method: "POST", url: "http://127.0.0.1:PORT/v1/x", body: .bytes(Array("{not json".utf8), contentType: nil)),
    ])
    func curlSendsTheSameRequest(_ template: OutgoingRequest) async throws {
        let received = Mutex<[[UInt8]]>([])
        let server = try ScriptedServer { connection in
            let raw = connection.readRequest() ?? []
            received.withLock { $0.append(raw) }
            connection.write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")
            connection.close()
        }
        defer { server.stop() }
        var request = template
        request.url = template.url.replacingOccurrences(of: "PORT", with: String(server.port))
        _ = try await Transport().send(request)
        try Self.runShell(CurlCommand.render(template, secrets: [Self.key]), port: server.port)
        let both = received.withLock { $0 }
        try #require(both.count == 2)
        let (viaTransport, viaCurl) = (Captured(both[0]), Captured(both[1]))
        #expect(viaTransport == viaCurl, "transport:\n\(viaTransport)\ncurl:\n\(viaCurl)")
    }
}

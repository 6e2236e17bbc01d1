import ConformHTTP
import ConformJSON
import ConformTestSupport
import HTTPTypes
import HTTPWire
import Hummingbird
import ServerTestSupport
import Testing

/// A Hummingbird router that reports back what it received.
private func echoRouter() -> Router<BasicRequestContext> {
    let router = Router()
    router.on("/echo", method: .get) { request, context in try await echo(request, context) }
    router.on("/echo", method: .post) { request, context in try await echo(request, context) }
    router.on("/echo", method: .put) { request, context in try await echo(request, context) }
    router.on("/echo", method: .patch) { request, context in try await echo(request, context) }
    router.on("/echo", method: .delete) { request, context in try await echo(request, context) }
    router.on("/echo", method: .options) { request, context in try await echo(request, context) }
    router.on("/echo", method: .head) { _, _ in Response(status: .noContent, headers: [.init("X-Head")!: "yes"]) }
    router.get("/repeated") { _, _ in
        var headers = HTTPFields()
        headers.append(HTTPField(name: HTTPField.Name("X-Multi")!, value: "one"))
        headers.append(HTTPField(name: HTTPField.Name("X-Multi")!, value: "two"))
        headers.append(HTTPField(name: .setCookie, value: "a=1"))
        headers.append(HTTPField(name: .setCookie, value: "b=2"))
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: "ok")))
    }
    router.get("/stream") { _, _ in
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            for index in 0..<3 {
                try await writer.write(ByteBuffer(string: "event: tick\ndata: {\"n\":\(index)}\n\n"))
                try await Task.sleep(for: .milliseconds(300))
            }
            try await writer.write(ByteBuffer(string: "data: [DONE]\n\n"))
            try await writer.finish(nil)
        })
    }
    router.get("/large") { _, _ in
        Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(repeating: 0x61, count: 2 << 20)))
    }
    router.get("/large-chunked") { _, _ in
        Response(status: .ok, body: ResponseBody { writer in
            for _ in 0..<40 { try await writer.write(ByteBuffer(repeating: 0x62, count: 64 << 10)) }
            try await writer.finish(nil)
        })
    }
    return router
}

private func echo(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
    let body = try await request.body.collect(upTo: 16 << 20)
    var headers: [JSON] = []
    for field in request.headers {
        headers.append([.string(field.name.canonicalName), .string(field.value)])
    }
    let reply: JSON = [
        "method": .string(request.method.rawValue),
        "uri": .string(request.uri.description),
        "headers": .array(headers),
        "body": .string(String(buffer: body)),
    ]
    var fields = HTTPFields()
    fields[.contentType] = "application/json"
    return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.serialized())))
}

private func withEchoServer(_ body: @Sendable (String) async throws -> Void) async throws {
    try await withLiveServer({ loopbackApplication(router: echoRouter(), reportPort: $0) }) { port in
        try await body("http://127.0.0.1:\(port)")
    }
}

private func receivedHeaders(_ reply: JSON) -> [(String, String)] {
    (reply["headers"]?.arrayValue ?? []).compactMap { pair in
        guard let name = pair[0]?.stringValue, let value = pair[1]?.stringValue else { return nil }
        return (name.lowercased(), value)
    }
}

@Suite(.timeLimit(.minutes(1))) struct TransportTests {
    let client = Transport()

    @Test func getRoundTripWithTimings() async throws {
        try await withEchoServer { base in
            let response = try await client.send(OutgoingRequest(url: base + "/echo?x=1&y=2"))
            #expect(response.status == 200)
            #expect(response.head.mediaType == "application/json")
            let reply = try response.json()
            #expect(reply["method"] == "GET")
            #expect(reply["uri"] == "/echo?x=1&y=2")
            #expect(response.timings.firstByte >= response.timings.connect)
            #expect(response.timings.total >= response.timings.firstByte)
            #expect(response.timings.total > .zero)
        }
    }

    @Test func postJSONSendsExactlyTheGivenHeaders() async throws {
        try await withEchoServer { base in
            let request = OutgoingRequest(
                method: "POST", url: base + "/echo", headers: ["X-API-Key": "k1", "X-Empty": ""],
                body: .json(["model": "qwen3", "n": 2]))
            let reply = try await client.send(request).json()
            #expect(reply["body"] == #"{"model":"qwen3","n":2}"#)
            let headers = receivedHeaders(reply)
            #expect(headers.contains { $0 == ("x-api-key", "k1") })
            #expect(headers.contains { $0 == ("x-empty", "") })
            #expect(headers.contains { $0 == ("content-type", "application/json") })
            #expect(!headers.contains { $0.0 == "authorization" })
            #expect(!headers.contains { $0.0 == "accept" })
            #expect(!headers.contains { $0.0 == "expect" })
        }
    }

    @Test func rawBodyWithoutContentTypeSendsNone() async throws {
        try await withEchoServer { base in
            let request = OutgoingRequest(method: "POST", url: base + "/echo", body: .bytes(Array("{not json".utf8), contentType: nil))
            let reply = try await client.send(request).json()
            #expect(reply["body"] == "{not json")
            #expect(!receivedHeaders(reply).contains { $0.0 == "content-type" })
        }
    }

    @Test func multipartWithAFilePart() async throws {
        try await withEchoServer { base in
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            let form = MultipartForm(parts: [
                .text("model", "gpt-image-1"),
                .file("image[]", filename: "cat.png", contentType: "image/png", data: png),
            ])
            let request = OutgoingRequest(method: "POST", url: base + "/echo", body: .multipart(form, boundary: "b0undary"))
            let reply = try await client.send(request).json()
            #expect(receivedHeaders(reply).contains { $0 == ("content-type", "multipart/form-data; boundary=b0undary") })
            let body = try #require(reply["body"]?.stringValue)
            #expect(body.hasPrefix("--b0undary\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\ngpt-image-1\r\n"))
            #expect(body.contains("Content-Disposition: form-data; name=\"image[]\"; filename=\"cat.png\"\r\nContent-Type: image/png\r\n\r\n"))
            #expect(body.hasSuffix("\r\n--b0undary--\r\n"))
        }
    }

    @Test(arguments: ["PUT", "PATCH", "DELETE", "OPTIONS"])
    func anyMethod(_ method: String) async throws {
        try await withEchoServer { base in
            let reply = try await client.send(OutgoingRequest(method: method, url: base + "/echo", body: .json(["m": .string(method)]))).json()
            #expect(reply["method"] == .string(method))
            #expect(reply["body"] == .string("{\"m\":\"\(method)\"}"))
        }
    }

    @Test func headHasNoBody() async throws {
        try await withEchoServer { base in
            let response = try await client.send(OutgoingRequest(method: "HEAD", url: base + "/echo"))
            #expect(response.status == 204)
            #expect(response.headers["x-head"] == "yes")
            #expect(response.body.isEmpty)
        }
    }

    @Test func repeatedResponseHeadersAreKept() async throws {
        try await withEchoServer { base in
            let response = try await client.send(OutgoingRequest(url: base + "/repeated"))
            #expect(response.headers.values(for: "x-multi") == ["one", "two"])
            #expect(response.headers.values(for: "Set-Cookie") == ["a=1", "b=2"])
        }
    }

    @Test func eventsArriveWhileTheStreamIsStillOpen() async throws {
        try await withEchoServer { base in
            let stream = try await client.openEventStream(OutgoingRequest(url: base + "/stream"), maxEventWait: .seconds(5))
            #expect(stream.head.mediaType == "text/event-stream")
            var arrivals: [(String, Duration)] = []
            var summary: EventStreamSummary?
            for await item in stream {
                switch item {
                case .event(let event, let receivedAt): arrivals.append((event.data, receivedAt))
                case .comment: break
                case .finished(let end): summary = end
                }
            }
            let end = try #require(summary)
            #expect(end.error == nil)
            #expect(arrivals.map(\.0) == ["{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "[DONE]"])
            // The first event came about 900 ms before the last: it was delivered, not buffered.
            #expect(arrivals[0].1 + .milliseconds(600) < arrivals[3].1)
            #expect(String(decoding: end.body, as: UTF8.self).hasSuffix("data: [DONE]\n\n"))
        }
    }

    @Test func manyRequestsInFlightAtOnce() async throws {
        try await withEchoServer { base in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<64 {
                    group.addTask { try await client.send(OutgoingRequest(url: base + "/echo?i=\(index)")).status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 64))
        }
    }

    @Test func bodyOverTheLimitFailsCleanly() async throws {
        try await withEchoServer { base in
            let options = TransferOptions(maxBodyBytes: 1 << 20)
            for path in ["/large", "/large-chunked"] {
                let error = await #expect(throws: TransportError.self) {
                    try await client.send(OutgoingRequest(url: base + path), options: options)
                }
                #expect(error?.kind == .bodyTooLarge, "\(path)")
            }
        }
    }
}

import ConformHTTP
import ConformJSON
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HTTPWire
import Testing

/// `conform worker` and `conform mock --upstream` as separate processes: the whole chain on
/// loopback, and what a client sees when the worker dies in the middle of a stream.
@Suite("conform worker behind conform mock --upstream", .timeLimit(.minutes(2)))
struct WorkerCommandTests {
    static let key = "conform-mock-key"

    @Test("The mock forwards to the worker and answers as the mock alone does")
    func chain() async throws {
        let worker = try LaunchedCommand(["worker", "--port", "0", "--token", "w0rker"])
        defer { worker.stop() }
        let workerURL = try #require(worker.listeningURL)
        let gateway = try LaunchedCommand(["mock", "--port", "0", "--upstream", workerURL, "--upstream-token", "w0rker"])
        defer { gateway.stop() }
        let alone = try LaunchedCommand(["mock", "--port", "0"])
        defer { alone.stop() }
        let transport = Transport()
        let request: JSON = [
            "model": "bge-reranker-v2-m3", "query": "What is a panda?", "documents": ["hi", "it is a bear", "a panda is a bear"],
        ]
        var answers: [ReceivedResponse] = []
        for base in [try #require(gateway.listeningURL), try #require(alone.listeningURL)] {
            answers.append(
                try await transport.send(
                    OutgoingRequest(
                        method: "POST", url: base + "/v1/rerank", headers: ["Authorization": "Bearer \(Self.key)"],
                        body: .json(request))))
        }
        #expect(answers[0].status == 200)
        #expect(answers[0].body == answers[1].body)
        let unauthorized = try await transport.send(
            OutgoingRequest(method: "POST", url: workerURL + "/v1/rerank", body: .json(request)))
        #expect(unauthorized.status == 401)
    }

    @Test("A worker killed mid-stream leaves the client with OpenAI's in-stream error")
    func workerKilledMidStream() async throws {
        // A token every two seconds: the stream is still going when the client sees its first events,
        // however slowly a loaded machine hands them over.
        let worker = try LaunchedCommand(["worker", "--port", "0", "--inter-token-ms", "2000"])
        defer { worker.stop() }
        let gateway = try LaunchedCommand(["mock", "--port", "0", "--upstream", try #require(worker.listeningURL)])
        defer { gateway.stop() }
        let request: JSON = [
            "model": "qwen3", "stream": true, "messages": [["role": "user", "content": "Tell me a long story"]],
            "max_tokens": 200,
        ]
        let stream = try await Transport().openEventStream(
            OutgoingRequest(
                method: "POST", url: try #require(gateway.listeningURL) + "/v1/chat/completions",
                headers: ["Authorization": "Bearer \(Self.key)"],
                body: .json(request)),
            maxEventWait: .seconds(10))
        var events: [String] = []
        for await item in stream {
            guard case .event(let event, _) = item else { continue }
            events.append(event.data)
            if events.count == 2 { #expect(worker.kill()) }
        }
        #expect(events.count >= 3)
        let failure = try JSON(parsing: try #require(events.last))
        #expect(failure["error"]?["type"] == "server_error")
        #expect(failure["error"]?["message"]?.stringValue?.contains("broke off the stream") == true)
        #expect(!events.contains("[DONE]"))
    }
}

/// The built `conform` executable run with `arguments`, until stopped; it reads the process's
/// output until the "listening on" line a script would wait for.
final class LaunchedCommand: @unchecked Sendable {
    private let process = Process()
    /// `http://HOST:PORT` from the "listening on" line; nil when the process ended without one.
    private(set) var listeningURL: String?

    init(_ arguments: [String]) throws {
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()].map {
            $0.appending(path: "conform")
        }
        guard let executable = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates[0].path])
        }
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A command that never says it listens is ended, which ends the read below.
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { Glibc.kill(pid, SIGTERM) }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        defer { watchdog.cancel() }
        var text = ""
        let reader = output.fileHandleForReading
        while listeningURL == nil {
            let data = reader.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
            if let range = text.range(of: "listening on ") {
                let rest = text[range.upperBound...]
                if let end = rest.firstIndex(of: "\n") { listeningURL = String(rest[..<end]) }
            }
        }
    }

    /// Ends the process at once, as a crash would; returns whether the signal was delivered.
    @discardableResult
    func kill() -> Bool {
        Glibc.kill(process.processIdentifier, SIGKILL) == 0
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

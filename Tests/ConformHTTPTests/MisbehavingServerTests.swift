import ConformHTTP
import ConformTestSupport
import Foundation
import HTTPWire
import Testing

/// The transport against servers that break the rules: every failure must be a clean, classified
/// error within a bounded time, never a hang or a crash.
@Suite(.timeLimit(.minutes(1))) struct MisbehavingServerTests {
    let client = Transport()

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        let server = try ScriptedServer { connection in
            connection.readRequest()
            connection.waitForPeerToClose()
        }
        defer { server.stop() }
        let started = ContinuousClock.now
        let error = await #expect(throws: TransportError.self) {
            try await client.send(OutgoingRequest(url: server.baseURL + "/"), options: TransferOptions(totalTimeout: .milliseconds(500)))
        }
        #expect(error?.kind == .timedOut)
        // Bounded, not timed: a 500 ms limit on a server that never answers ends well within this
        // even on two cores shared with the rest of the tests.
        #expect(started.duration(to: .now) < .seconds(20))
    }

    @Test func aRefusedConnectionIsAConnectFailure() async throws {
        let server = try ScriptedServer { $0.close() }
        let url = server.baseURL
        server.stop()
        let error = await #expect(throws: TransportError.self) { try await client.send(OutgoingRequest(url: url)) }
        #expect(error?.kind == .connectFailed)
    }

    @Test func aResetConnectionIsALostConnection() async throws {
        let server = try ScriptedServer { connection in
            connection.readRequest()
            connection.reset()
        }
        defer { server.stop() }
        let error = await #expect(throws: TransportError.self) { try await client.send(OutgoingRequest(url: server.baseURL)) }
        #expect(error?.kind == .connectionLost)
    }

    @Test func aResetMidBodyIsALostConnection() async throws {
        let server = try ScriptedServer { connection in
            connection.readRequest()
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"partial\":")
            connection.pause(.milliseconds(50))
            connection.reset()
        }
        defer { server.stop() }
        let error = await #expect(throws: TransportError.self) { try await client.send(OutgoingRequest(url: server.baseURL)) }
        #expect(error?.kind == .connectionLost)
    }

    @Test func garbageInsteadOfHTTPIsAProtocolViolation() async throws {
        let server = try ScriptedServer { connection in
            connection.readRequest()
            connection.write("SSH-2.0-OpenSSH\r\n\r\n")
            connection.close()
        }
        defer { server.stop() }
        let error = await #expect(throws: TransportError.self) { try await client.send(OutgoingRequest(url: server.baseURL)) }
        #expect(error?.kind == .protocolViolation)
    }

    @Test func aSilentEventStreamEndsAtTheBoundedWait() async throws {
        let server = try ScriptedServer { connection in
            connection.readRequest()
            connection.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
            let event = "data: {\"first\":true}\n\n"
            connection.write(String(event.utf8.count, radix: 16) + "\r\n" + event + "\r\n")
            connection.waitForPeerToClose()
        }
        defer { server.stop() }
        let started = ContinuousClock.now
        let stream = try await client.openEventStream(
            OutgoingRequest(url: server.baseURL), maxEventWait: .milliseconds(400), options: TransferOptions(totalTimeout: nil))
        var data: [String] = []
        var summary: EventStreamSummary?
        for await item in stream {
            if case .event(let event, _) = item { data.append(event.data) }
            if case .finished(let end) = item { summary = end }
        }
        #expect(data == ["{\"first\":true}"])
        #expect(summary?.error?.kind == .eventWaitExceeded)
        #expect(started.duration(to: .now) < .seconds(20))
    }

    @Test func anEventStreamCutOffMidEventReportsWhatArrived() async throws {
        let server = try ScriptedServer { connection in
            connection.readRequest()
            connection.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: one\n\ndata: tw")
            connection.close()
        }
        defer { server.stop() }
        let stream = try await client.openEventStream(OutgoingRequest(url: server.baseURL), maxEventWait: .seconds(5))
        var summary: EventStreamSummary?
        var count = 0
        for await item in stream {
            if case .event = item { count += 1 }
            if case .finished(let end) = item { summary = end }
        }
        #expect(count == 1)
        #expect(summary?.error == nil)
        #expect(String(decoding: summary?.body ?? [], as: UTF8.self) == "data: one\n\ndata: tw")
        #expect(summary?.diagnostics.isEmpty == false)
    }

    @Test func anEventStreamThatFailsBeforeItsHeadThrows() async throws {
        let server = try ScriptedServer { connection in
            connection.readRequest()
            connection.reset()
        }
        defer { server.stop() }
        let error = await #expect(throws: TransportError.self) {
            try await client.openEventStream(OutgoingRequest(url: server.baseURL), maxEventWait: .seconds(5))
        }
        #expect(error?.kind == .connectionLost)
    }

    @Test func cancellingTheCallerAbortsTheTransfer() async throws {
        let server = try ScriptedServer { connection in
            connection.readRequest()
            connection.waitForPeerToClose()
        }
        defer { server.stop() }
        let client = self.client
        let task = Task { try await client.send(OutgoingRequest(url: server.baseURL), options: TransferOptions(totalTimeout: nil)) }
        try await Task.sleep(for: .milliseconds(200))
        let started = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        // The server never answers and the transfer has no timeout: only the cancellation ends it.
        // The bound is loose because test machines are shared; a transfer left running never ends.
        #expect(started.duration(to: .now) < .seconds(10))
    }

    @Test func abandoningAnEventStreamAbortsTheTransfer() async throws {
        let closed = Flag()
        let server = try ScriptedServer { connection in
            connection.readRequest()
            connection.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n")
            for index in 0..<200 {
                connection.write("data: \(index)\n\n")
                connection.pause(.milliseconds(20))
            }
            connection.waitForPeerToClose()
            closed.set()
        }
        defer { server.stop() }
        do {
            let stream = try await client.openEventStream(OutgoingRequest(url: server.baseURL), options: TransferOptions(totalTimeout: nil))
            for await item in stream {
                if case .event = item { break }
            }
        }
        let started = ContinuousClock.now
        while !closed.isSet, started.duration(to: .now) < .seconds(10) {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(closed.isSet)
    }

    @Test func malformedURLIsAnInvalidRequest() async throws {
        let error = await #expect(throws: TransportError.self) { try await client.send(OutgoingRequest(url: "http://[::1")) }
        #expect(error?.kind == .invalidRequest)
    }
}

/// A thread-safe one-way switch for scripts to report back to tests.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

import AsyncHTTPClient
import ConformJSON
import Foundation
import HTTPTypes
import HTTPWire
import NIOCore
import NIOHTTP1
import Workers

/// The reference adapter to a GPU-backed engine with an OpenAI-style HTTP API (vLLM, SGLang, the
/// llama.cpp server, TEI, or `conform worker`): forwards each ``WorkerRequest`` to the engine and
/// hands back its answer, parsed JSON, bytes, events as each arrives, or (for the generic proxy)
/// the raw bytes as they come.
///
/// An engine that cannot be reached throws ``WorkerUnavailable`` (the gateway's 503) and is
/// marked not ready until a probe or a later request gets an answer; one that does not answer in
/// time throws it with `timedOut` (504). An engine's own refusals come back as responses, for the
/// gateway to wrap in its envelope. Build these through an ``UpstreamFleet``.
public struct UpstreamWorker: InferenceWorker {
    /// The gateway's name for the model.
    public let modelName: String
    public let target: UpstreamTarget
    let engine: UpstreamEngine
    let clients: UpstreamClients

    /// The largest answer that is not a stream the gateway takes from an engine.
    static let maximumBodyBytes = 256 << 20

    /// Response headers that describe the engine's connection, not the answer.
    static let connectionHeaders: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "content-length",
        "date", "server",
    ]

    public var readiness: WorkerReadiness { engine.health.readiness }

    public func respond(to request: WorkerRequest) async throws -> WorkerResponse {
        let outgoing = UpstreamRequestEncoder(target: target, modelName: modelName).encode(request)
        let silence = Self.asksForStream(request) ? target.timeouts.streamSilence : target.timeouts.request
        let client = try clients.client(UpstreamClients.Profile(connect: target.timeouts.connect, silence: silence))
        let deadline = ContinuousClock.now + target.timeouts.request
        let clientDeadline = NIODeadline.now() + TimeAmount(target.timeouts.request)
        var response: HTTPClientResponse?
        var attempt = 1
        while response == nil {
            do {
                response = try await client.execute(outgoing, deadline: clientDeadline)
            } catch where attempt == 1 && UpstreamFailure.isStaleConnection(error) {
                // A kept-alive connection the engine closed as the request went out: try once
                // more on a new one, as GPUStack's ingress retries on connection errors.
                attempt += 1
            } catch {
                throw unavailable(error, silence: silence)
            }
        }
        guard let response else { throw WorkerUnavailable(reason: "\(target.url) gave no answer") }
        engine.health.recordAnswer()
        return try await decode(response, for: request, deadline: deadline, silence: silence)
    }

    /// Whether the request asks for a stream, which may go on for as long as the engine keeps
    /// sending; any other answer must come whole within the request timeout.
    static func asksForStream(_ request: WorkerRequest) -> Bool {
        switch request.body {
        case .json(let json): json["stream"] == .bool(true)
        case .multipart(let form): form.text("stream")?.lowercased() == "true"
        case .bytes, .empty: false
        }
    }

    private func decode(
        _ response: HTTPClientResponse, for request: WorkerRequest, deadline: ContinuousClock.Instant, silence: Duration
    ) async throws -> WorkerResponse {
        var headers = HTTPFields()
        for header in response.headers where !Self.connectionHeaders.contains(header.name.lowercased()) {
            if let name = HTTPField.Name(header.name) { headers.append(HTTPField(name: name, value: header.value)) }
        }
        let status = HTTPResponse.Status(code: Int(response.status.code))
        let reader = UpstreamBodyReader(response.body)
        if request.rawResponse {
            return WorkerResponse(status: status, headers: headers, body: .byteStream(byteStream(reader, silence: silence)))
        }
        let mediaType = Self.mediaType(response.headers.first(name: "content-type"))
        if mediaType == "text/event-stream" {
            let decoder = UpstreamEventDecoder(reader: reader, describeFailure: streamFailure(silence: silence))
            return WorkerResponse(status: status, headers: headers, body: .events(UpstreamEventDecoder.stream(decoder)))
        }
        let bytes: [UInt8]
        do {
            bytes = try await reader.collect(before: deadline, maximumBytes: Self.maximumBodyBytes)
        } catch let tooLarge as UpstreamBodyReader.TooLarge {
            throw WorkerUnavailable(reason: "\(target.url) answered with more than \(tooLarge.limit) bytes")
        } catch let error where error is UpstreamBodyReader.PastDeadline || (error as? HTTPClientError) == .readTimeout {
            throw WorkerUnavailable(
                reason: "\(target.url) did not finish its answer within \(UpstreamFailure.describe(target.timeouts.request))",
                timedOut: true)
        } catch {
            throw WorkerUnavailable(reason: "\(target.url) broke off its answer: \(UpstreamFailure.phrase(error))")
        }
        if mediaType == "application/json" || mediaType.hasSuffix("+json"), let json = try? JSONParser().parse(bytes) {
            return WorkerResponse(status: status, headers: headers, body: .json(json))
        }
        return WorkerResponse(status: status, headers: headers, body: .bytes(bytes))
    }

    /// The body as it arrives, for a caller that relays it unread.
    private func byteStream(_ reader: UpstreamBodyReader, silence: Duration) -> WorkerByteStream {
        let describe = streamFailure(silence: silence)
        return AsyncThrowingStream {
            do {
                return try await reader.next().map { Array($0.readableBytesView) }
            } catch {
                throw describe(error)
            }
        }
    }

    /// What a stream that broke off or went silent ends with.
    private func streamFailure(silence: Duration) -> @Sendable (any Error) -> any Error {
        let url = target.url
        return { error in
            if error is CancellationError { return error }
            if (error as? HTTPClientError) == .readTimeout {
                return WorkerUnavailable(reason: "\(url) sent nothing for \(UpstreamFailure.describe(silence)) mid-stream", timedOut: true)
            }
            return WorkerUnavailable(reason: "\(url) broke off the stream: \(UpstreamFailure.phrase(error))")
        }
    }

    /// The error for a request that got no answer; an unreachable engine is marked not ready.
    private func unavailable(_ error: any Error, silence: Duration) -> any Error {
        if error is CancellationError || (error as? HTTPClientError) == .cancelled { return CancellationError() }
        if UpstreamFailure.isConnectFailure(error) {
            let reason = "cannot connect to \(target.url): \(UpstreamFailure.phrase(error))"
            engine.health.recordFailure(reason)
            return WorkerUnavailable(reason: reason)
        }
        if (error as? HTTPClientError) == .readTimeout, silence != target.timeouts.request {
            return WorkerUnavailable(reason: "\(target.url) sent nothing for \(UpstreamFailure.describe(silence))", timedOut: true)
        }
        if (error as? HTTPClientError) == .deadlineExceeded || (error as? HTTPClientError) == .readTimeout {
            return WorkerUnavailable(
                reason: "\(target.url) did not answer within \(UpstreamFailure.describe(target.timeouts.request))", timedOut: true
            )
        }
        return WorkerUnavailable(reason: "\(target.url) gave no answer: \(UpstreamFailure.phrase(error))")
    }

    /// `text/event-stream` from `Text/Event-Stream; charset=utf-8`.
    static func mediaType(_ contentType: String?) -> String {
        guard let contentType else { return "" }
        let end = contentType.firstIndex(of: ";") ?? contentType.endIndex
        return contentType[..<end].trimmingCharacters(in: .whitespaces).lowercased()
    }
}

import CCurl
import HTTPWire
import Synchronization

/// One exchange on a libcurl easy handle: it owns the handle and the C memory the handle points to,
/// collects the response from libcurl's callbacks and hands the result to Swift, either whole or as
/// an event stream. Everything but ``cancel()`` runs on the ``CurlMultiLoop`` thread.
final class CurlTransfer: @unchecked Sendable {
    /// Where the response goes.
    enum Delivery {
        case pending
        case whole(CheckedContinuation<ReceivedResponse, any Error>)
        case stream(
            head: CheckedContinuation<EventStreamResponse, any Error>?,
            items: AsyncStream<EventStreamItem>.Continuation,
            // Held only until the head is handed over: once the consumer lets go of the stream,
            // AsyncStream reports the termination that aborts the transfer.
            stream: AsyncStream<EventStreamItem>?)
        case delivered
    }

    let easy: UnsafeMutableRawPointer
    /// Set once the loop thread has cleaned the handle up; until it has run, no other thread may.
    private var handleReleased = false
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let cancelled = Atomic<Bool>(false)
    private let startedAt = ContinuousClock.now
    private let maxBodyBytes: Int
    private let maxEventWait: Duration?

    private var delivery: Delivery = .pending
    private var statusLine: (status: Int, reason: String, version: String)?
    private var headerFields: [HeaderFields.Field] = []
    private var head: ReceivedResponseHead?
    private var body: [UInt8] = []
    private var bodyOverflowed = false
    private var parser = EventStreamParser()
    private var lastEventAt: ContinuousClock.Instant

    init(request: OutgoingRequest, options: TransferOptions, maxEventWait: Duration? = nil) throws(TransportError) {
        guard let easy = curl_easy_init() else {
            throw TransportError(kind: .other, message: "libcurl could not create a handle")
        }
        self.easy = easy
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(to: 0)
        maxBodyBytes = options.maxBodyBytes
        self.maxEventWait = maxEventWait
        lastEventAt = startedAt
        try configure(request: request, options: options)
    }

    deinit {
        if !handleReleased { curl_easy_cleanup(easy) }
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// Frees the easy handle on the loop thread once the transfer has finished, so libcurl state
    /// is only ever touched from that thread, whichever thread drops the last reference.
    func releaseHandle() {
        guard !handleReleased else { return }
        handleReleased = true
        curl_easy_cleanup(easy)
    }

    func attach(_ delivery: Delivery) {
        self.delivery = delivery
    }

    /// Asks the loop to abandon the transfer; safe from any thread, any number of times.
    func cancel() {
        cancelled.store(true, ordering: .relaxed)
        CurlMultiLoop.shared.wake()
    }

    // MARK: Configuration

    private func configure(request: OutgoingRequest, options: TransferOptions) throws(TransportError) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try set(ccurl_setopt_string(easy, CURLOPT_URL, request.url), "URL")
        try set(ccurl_setopt_long(easy, CURLOPT_NOSIGNAL, 1), "NOSIGNAL")
        try set(ccurl_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1)), "HTTP_VERSION")
        try set(ccurl_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer), "ERRORBUFFER")
        try set(ccurl_setopt_data_fn(easy, CURLOPT_HEADERFUNCTION, curlHeaderCallback), "HEADERFUNCTION")
        try set(ccurl_setopt_pointer(easy, CURLOPT_HEADERDATA, context), "HEADERDATA")
        try set(ccurl_setopt_data_fn(easy, CURLOPT_WRITEFUNCTION, curlWriteCallback), "WRITEFUNCTION")
        try set(ccurl_setopt_pointer(easy, CURLOPT_WRITEDATA, context), "WRITEDATA")
        try set(ccurl_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(options.connectTimeout)), "CONNECTTIMEOUT")
        try set(ccurl_setopt_long(easy, CURLOPT_TIMEOUT_MS, options.totalTimeout.map(Self.milliseconds) ?? 0), "TIMEOUT")
        try set(ccurl_setopt_off(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxBodyBytes)), "MAXFILESIZE")
        if !options.reuseConnection {
            try set(ccurl_setopt_long(easy, CURLOPT_FORBID_REUSE, 1), "FORBID_REUSE")
        }
        if let caFile = options.tls.caFile {
            try set(ccurl_setopt_string(easy, CURLOPT_CAINFO, caFile), "CAINFO")
        }
        if options.tls.insecure {
            try set(ccurl_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 0), "SSL_VERIFYPEER")
            try set(ccurl_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 0), "SSL_VERIFYHOST")
        }

        let encodedBody = request.body?.encoded
        let method = request.method.uppercased()
        if let encodedBody {
            try set(ccurl_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(encodedBody.bytes.count)), "POSTFIELDSIZE")
            let code = encodedBody.bytes.withUnsafeBytes { raw in
                // COPYPOSTFIELDS copies the bytes now, so the buffer need not outlive this call.
                ccurl_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress ?? UnsafeRawPointer(errorBuffer)))
            }
            try set(code, "COPYPOSTFIELDS")
            if method != "POST" {
                try set(ccurl_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method), "CUSTOMREQUEST")
            }
        } else if method == "HEAD" {
            try set(ccurl_setopt_long(easy, CURLOPT_NOBODY, 1), "NOBODY")
        } else if method != "GET" {
            try set(ccurl_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method), "CUSTOMREQUEST")
        }

        for line in request.wireHeaderLines {
            guard let appended = curl_slist_append(headerList, line) else {
                throw TransportError(kind: .other, message: "libcurl could not store a header")
            }
            headerList = appended
        }
        try set(ccurl_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList), "HTTPHEADER")
    }

    private func set(_ code: CURLcode, _ option: String) throws(TransportError) {
        guard code == CURLE_OK else {
            throw TransportError(
                kind: .invalidRequest, message: "libcurl refused option \(option): \(String(cString: curl_easy_strerror(code)))",
                curlCode: Int(code.rawValue))
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1_000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    // MARK: Callbacks (loop thread)

    func receiveHeaderLine(_ raw: UnsafeRawBufferPointer) {
        // Trim the line end as bytes: as a Swift Character, "\r\n" is one grapheme.
        var end = raw.count
        while end > 0, raw[end - 1] == 0x0A || raw[end - 1] == 0x0D { end -= 1 }
        let line = String(decoding: UnsafeRawBufferPointer(rebasing: raw[..<end]), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            let status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            statusLine = (status, parts.count > 2 ? String(parts[2]) : "", String(parts[0]))
            headerFields = []
        } else if line.isEmpty {
            guard let statusLine, !(100..<200).contains(statusLine.status) else { return }
            head = ReceivedResponseHead(
                status: statusLine.status, reason: statusLine.reason, version: statusLine.version,
                headers: HeaderFields(headerFields))
            deliverHeadIfStreaming()
        } else if line.first == " " || line.first == "\t", let last = headerFields.indices.last {
            headerFields[last].value += " " + line.trimmingWhitespace()
        } else if let colon = line.firstIndex(of: ":") {
            headerFields.append(HeaderFields.Field(
                name: String(line[..<colon]), value: line[line.index(after: colon)...].trimmingWhitespace()))
        }
    }

    /// Returns false to make libcurl abort the transfer.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard !cancelled.load(ordering: .relaxed) else { return false }
        guard body.count + bytes.count <= maxBodyBytes else {
            bodyOverflowed = true
            return false
        }
        body.append(contentsOf: bytes)
        if case .stream(_, let items, _) = delivery {
            let now = ContinuousClock.now
            let receivedAt = startedAt.duration(to: now)
            for output in parser.feed(bytes) {
                switch output {
                case .event(let event):
                    lastEventAt = now
                    items.yield(.event(event, receivedAt: receivedAt))
                case .comment(let text):
                    items.yield(.comment(text, receivedAt: receivedAt))
                }
            }
        }
        return true
    }

    private func deliverHeadIfStreaming() {
        guard case .stream(let headContinuation?, let items, let stream?) = delivery, let head else { return }
        delivery = .stream(head: nil, items: items, stream: nil)
        headContinuation.resume(returning: EventStreamResponse(head: head, items: stream))
    }

    // MARK: Deadlines and completion (loop thread)

    /// Why the loop should abandon this transfer now, if it should.
    func abortReason(at now: ContinuousClock.Instant) -> (any Error)? {
        if cancelled.load(ordering: .relaxed) { return CancellationError() }
        if let maxEventWait, lastEventAt.duration(to: now) > maxEventWait {
            return TransportError(kind: .eventWaitExceeded, message: "no event within \(maxEventWait)")
        }
        return nil
    }

    var nextDeadline: ContinuousClock.Instant? {
        maxEventWait.map { lastEventAt.advanced(by: $0) }
    }

    func finish(result: CURLcode) {
        finish(error: result == CURLE_OK ? nil : transportError(for: result))
    }

    func finish(abortedBecause reason: any Error) {
        finish(error: reason)
    }

    private func finish(error: (any Error)?) {
        let timings = measuredTimings()
        if head == nil, error == nil {
            var status = 0
            _ = ccurl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
            head = ReceivedResponseHead(status: status, headers: HeaderFields(headerFields))
        }
        switch delivery {
        case .whole(let continuation):
            if let error {
                continuation.resume(throwing: error)
            } else {
                continuation.resume(returning: ReceivedResponse(head: head!, body: body, timings: timings))
            }
        case .stream(let headContinuation, let items, let stream):
            if let headContinuation, let stream {
                if let error, head == nil {
                    headContinuation.resume(throwing: error)
                } else {
                    headContinuation.resume(returning: EventStreamResponse(head: head!, items: stream))
                }
            }
            parser.finish()
            let transportError = error.map { ($0 as? TransportError) ?? TransportError(kind: .other, message: "cancelled") }
            items.yield(.finished(EventStreamSummary(body: body, timings: timings, diagnostics: parser.diagnostics, error: transportError)))
            items.finish()
        case .pending, .delivered:
            break
        }
        delivery = .delivered
    }

    private func measuredTimings() -> ExchangeTimings {
        func elapsed(_ info: CURLINFO) -> Duration {
            var microseconds: curl_off_t = 0
            _ = ccurl_getinfo_off(easy, info, &microseconds)
            return .microseconds(microseconds)
        }
        let total = elapsed(CURLINFO_TOTAL_TIME_T)
        return ExchangeTimings(
            connect: elapsed(CURLINFO_CONNECT_TIME_T), firstByte: elapsed(CURLINFO_STARTTRANSFER_TIME_T),
            total: total == .zero ? startedAt.duration(to: .now) : total)
    }

    private func transportError(for code: CURLcode) -> TransportError {
        let detail = String(cString: errorBuffer)
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        let kind: TransportError.Kind
        switch code {
        case CURLE_WRITE_ERROR where bodyOverflowed, CURLE_FILESIZE_EXCEEDED:
            return TransportError(
                kind: .bodyTooLarge, message: "response body exceeds the limit of \(maxBodyBytes) bytes",
                curlCode: Int(code.rawValue))
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            kind = .connectFailed
        case CURLE_OPERATION_TIMEDOUT:
            var connected: curl_off_t = 0
            _ = ccurl_getinfo_off(easy, CURLINFO_CONNECT_TIME_T, &connected)
            kind = connected == 0 && head == nil && body.isEmpty ? .connectTimedOut : .timedOut
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            kind = .connectionLost
        case CURLE_WEIRD_SERVER_REPLY, CURLE_BAD_CONTENT_ENCODING, CURLE_HTTP2, CURLE_UNSUPPORTED_PROTOCOL:
            kind = .protocolViolation
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE:
            kind = .tls
        case CURLE_URL_MALFORMAT:
            kind = .invalidRequest
        default:
            kind = .other
        }
        return TransportError(kind: kind, message: message, curlCode: Int(code.rawValue))
    }
}

private let curlHeaderCallback: ccurl_data_fn = { pointer, size, count, context in
    guard let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: pointer, count: size * count))
    return size * count
}

private let curlWriteCallback: ccurl_data_fn = { pointer, size, count, context in
    guard let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.receiveBody(UnsafeRawBufferPointer(start: pointer, count: size * count)) ? size * count : 0
}

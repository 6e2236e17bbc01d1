import ConformHTTP
import ConformJSON
import ConformReport
import ConformSuite
import HTTPWire

/// Builds the record of an exchange that goes into a report from what was sent and received:
/// the request exactly as the transport sent it, headers, bodies as readable previews cut to a
/// length, timings, and for streams the events' arrival, the parser's notes and the interruption.
/// Secrets are left to the one scrub the runner applies to each case's report.
enum ExchangeRecording {
    /// Longest body text kept in a report.
    static let previewLimit = 8 * 1024
    /// The most event arrival times kept per stream.
    static let arrivalLimit = 1_000

    static func record(
        _ request: OutgoingRequest, response: ObservedResponse?, timings: ExchangeTimings?, transportError: TransportError?
    ) -> ExchangeRecord {
        var record = ExchangeRecord(
            method: request.method, url: request.url,
            requestHeaders: request.headers.map { ReportHeader(name: $0.name, value: $0.value) },
            requestBody: requestBodyText(request.body))
        if let response {
            record.status = response.status
            record.responseHeaders = response.headers.map { ReportHeader(name: $0.name, value: $0.value) }
            let (text, truncated) = bodyPreview(response)
            record.responseBody = text
            record.responseBodyTruncated = truncated
            record.stream = response.stream.map(streamRecord)
        }
        if let timings {
            record.connectMilliseconds = milliseconds(timings.connect)
            record.firstByteMilliseconds = milliseconds(timings.firstByte)
            record.totalMilliseconds = milliseconds(timings.total)
        }
        record.transportError = transportError?.description
        return record
    }

    static func streamRecord(_ stream: ObservedStream) -> StreamRecord {
        StreamRecord(
            eventCount: stream.events.count,
            arrivalMilliseconds: stream.events.prefix(arrivalLimit).map { milliseconds($0.arrival) },
            diagnostics: stream.diagnostics.map(\.description), interruption: stream.interruption?.description)
    }

    private static func requestBodyText(_ body: OutgoingBody?) -> String? {
        switch body {
        case .json(let json): return cut(json.serializedString()).text
        case .bytes(let bytes, _):
            guard let text = String(validating: bytes, as: UTF8.self) else { return "<\(bytes.count) bytes of binary data>" }
            return cut(text).text
        case .multipart(let form, _):
            let described = form.parts.map { part in
                if let filename = part.filename {
                    return "\(part.name)=@\(filename) (\(part.contentType ?? "application/octet-stream"), \(part.data.count) bytes)"
                }
                return "\(part.name)=\(part.text ?? "<\(part.data.count) bytes>")"
            }
            return "multipart/form-data: " + described.joined(separator: "; ")
        case nil: return nil
        }
    }

    private static func bodyPreview(_ response: ObservedResponse) -> (String?, Bool) {
        guard !response.body.isEmpty else { return (nil, false) }
        guard String(validating: response.body, as: UTF8.self) != nil else {
            return ("<\(response.body.count) bytes of \(response.mediaType ?? "binary data")>", false)
        }
        return cut(response.text)
    }

    /// The text's first ``previewLimit`` bytes, cut on a character boundary, and whether it was cut.
    static func cut(_ text: String) -> (text: String, truncated: Bool) {
        let bytes = text.utf8
        guard bytes.count > previewLimit else { return (text, false) }
        var end = bytes.index(bytes.startIndex, offsetBy: previewLimit)
        // Back off UTF-8 continuation bytes, so no character is split.
        while end > bytes.startIndex, bytes[end] & 0xC0 == 0x80 { end = bytes.index(before: end) }
        return (String(text[..<end]), true)
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }
}

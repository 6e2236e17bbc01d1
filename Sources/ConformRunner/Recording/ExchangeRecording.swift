import ConformHTTP
import ConformJSON
import ConformReport
import ConformSuite

/// Builds the record of an exchange that goes into a report: headers with the credential shown
/// as `$GPUSTACK_API_KEY`, bodies as readable previews, timings, and nothing secret.
struct ExchangeRecording {
    /// Longest body text kept in a report.
    static let previewLimit = 8 * 1024

    let scrubber: SecretScrubber

    func record(
        request: PreparedRequest, url: String, response: ObservedResponse?, timings: ExchangeTimings?, transportError: String?
    ) -> ExchangeRecord {
        var record = ExchangeRecord(
            method: request.method, url: scrubber.scrub(url),
            requestHeaders: request.headers.map { ReportHeader(name: $0.name, value: scrubber.scrub($0.value)) },
            requestBody: requestBodyText(request.body).map(scrubber.scrub))
        if let response {
            record.status = response.status
            record.responseHeaders = response.headers.map { ReportHeader(name: $0.name, value: scrubber.scrub($0.value)) }
            let (text, truncated) = bodyPreview(response)
            record.responseBody = text.map(scrubber.scrub)
            record.responseBodyTruncated = truncated
            record.eventCount = response.stream?.events.count
        }
        if let timings {
            record.connectMilliseconds = Self.milliseconds(timings.connect)
            record.firstByteMilliseconds = Self.milliseconds(timings.firstByte)
            record.totalMilliseconds = Self.milliseconds(timings.total)
        }
        record.transportError = transportError.map(scrubber.scrub)
        return record
    }

    private func requestBodyText(_ body: PreparedBody?) -> String? {
        switch body {
        case .json(let json): return Self.cut(json.serializedString()).text
        case .text(let text): return Self.cut(text).text
        case .multipart(let fields, let files):
            let described =
                fields.map { "\($0.name)=\($0.value)" }
                + files.map { "\($0.name)=@\($0.filename) (\($0.contentType), \($0.data.count) bytes)" }
            return "multipart/form-data: " + described.joined(separator: "; ")
        case nil: return nil
        }
    }

    private func bodyPreview(_ response: ObservedResponse) -> (String?, Bool) {
        guard !response.body.isEmpty else { return (nil, false) }
        guard String(validating: response.body, as: UTF8.self) != nil else {
            return ("<\(response.body.count) bytes of \(response.mediaType ?? "binary data")>", false)
        }
        return Self.cut(response.text)
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

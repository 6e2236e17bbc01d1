import ConformJSON
import Foundation
import HTTPTypes

/// One request the mock received and what it answered, as the journal keeps it, the request log
/// prints it and the metrics count it. Credentials never appear: `Authorization`, `X-API-Key`,
/// cookies and the admin key are masked before an exchange is made.
public struct ObservedExchange: Sendable, Hashable, Codable {
    /// The position in the order the mock received requests, from 1.
    public var id: Int
    /// When the request arrived, ISO 8601 UTC with milliseconds.
    public var time: String
    public var method: String
    public var path: String
    public var query: String?
    /// The request headers, masked where they carry a credential; repeated names joined by `, `.
    public var headers: [String: String]
    /// The body as text, cut at ``bodyPreviewLimit`` bytes (invalid UTF-8 replaced), when it is
    /// not JSON (a JSON body is ``json``).
    public var body: String?
    /// The body parsed, when it is JSON within the preview limit.
    public var json: JSON?
    public var bodyBytes: Int
    /// The model the request was routed to or named: the JSON body's `model`, the form's, or
    /// `X-GPUStack-Model`.
    public var model: String?
    /// Whether the answer was a stream of events.
    public var stream: Bool
    public var status: Int
    public var responseBytes: Int
    public var durationMilliseconds: Double
    /// When the first byte of the answer's body was written; for a stream, its first event.
    public var firstByteMilliseconds: Double?
    /// The stub that answered, when one did.
    public var stub: String?
    /// The fault injected, when one was.
    public var fault: String?

    /// How much of a body the journal keeps.
    public static let bodyPreviewLimit = 64 << 10

    /// The headers that carry credentials, masked in every record.
    static let maskedHeaders: Set<String> = ["authorization", "x-api-key", "cookie", "proxy-authorization", "x-conform-admin-key"]

    /// The headers as recorded, each name lowercased, a repeated one's values joined with ", ",
    /// credentials masked, sorted by name.
    static func maskedFields(_ fields: HTTPFields) -> [(name: String, value: String)] {
        let fields = Array(fields)
        // By name, and a repeated name's values in the order they came.
        let order = fields.indices.sorted { left, right in
            let (leftName, rightName) = (fields[left].name.canonicalName, fields[right].name.canonicalName)
            return leftName == rightName ? left < right : leftName < rightName
        }
        var pairs: [(name: String, value: String)] = []
        pairs.reserveCapacity(fields.count)
        for index in order {
            let name = fields[index].name.canonicalName
            let value = maskedHeaders.contains(name) ? masked(fields[index].value) : fields[index].value
            if pairs.last?.name == name {
                pairs[pairs.count - 1].value += ", " + value
            } else {
                pairs.append((name, value))
            }
        }
        return pairs
    }

    /// A credential's value as recorded: the scheme kept, the secret hidden ("Bearer ****").
    static func masked(_ value: String) -> String {
        let parts = value.split(separator: " ", maxSplits: 1)
        return parts.count == 2 ? "\(parts[0]) ****" : "****"
    }

    /// The exchange as the journal writes it and the admin API answers it: the members that are
    /// set, built directly rather than through `Codable`, which costs several times more per request.
    public var jsonValue: JSON {
        var object = JSONObject()
        object["id"] = .integer(Int64(id))
        object["time"] = .string(time)
        object["method"] = .string(method)
        object["path"] = .string(path)
        if let query { object["query"] = .string(query) }
        object["headers"] = .object(JSONObject(headers.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) }))
        if let body { object["body"] = .string(body) }
        if let json { object["json"] = json }
        object["bodyBytes"] = .integer(Int64(bodyBytes))
        if let model { object["model"] = .string(model) }
        object["stream"] = .bool(stream)
        object["status"] = .integer(Int64(status))
        object["responseBytes"] = .integer(Int64(responseBytes))
        object["durationMilliseconds"] = .number(durationMilliseconds)
        if let firstByteMilliseconds { object["firstByteMilliseconds"] = .number(firstByteMilliseconds) }
        if let stub { object["stub"] = .string(stub) }
        if let fault { object["fault"] = .string(fault) }
        return .object(object)
    }

    /// `date` as ISO 8601 UTC with milliseconds, `2026-12-06T12:00:00.000Z`.
    static func timestamp(_ date: Date) -> String {
        var bytes: [UInt8] = []
        appendTimestamp(date.timeIntervalSince1970, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes `seconds` since 1970 as ``timestamp(_:)`` does, digit by digit: Foundation's format
    /// styles cost tens of microseconds a call, and the journal file writes one per request.
    static func appendTimestamp(_ interval: Double, to bytes: inout [UInt8]) {
        var seconds = time_t(interval.rounded(.down))
        let milliseconds = Int32((interval - Double(seconds)) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func digits(_ value: Int32, _ width: Int) {
            var divisor: Int32 = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(parts.tm_year + 1900, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(parts.tm_mon + 1, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(parts.tm_mday, 2)
        bytes.append(UInt8(ascii: "T"))
        digits(parts.tm_hour, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(parts.tm_min, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(parts.tm_sec, 2)
        bytes.append(UInt8(ascii: "."))
        digits(milliseconds, 3)
        bytes.append(UInt8(ascii: "Z"))
    }
}

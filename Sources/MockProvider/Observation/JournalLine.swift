import ConformJSON
import HTTPTypes
import NIOCore

/// Writes an exchange as one line of the journal file, the same record as the admin API answers
/// (``ObservedExchange/jsonValue``, with the body's JSON as the client sent it, on one line),
/// straight from the ``ExchangeRecord`` rather than through an ``ObservedExchange`` and a JSON tree:
/// the file is written for every request, and those cost several times more. Runs of bytes that
/// need no escaping are copied whole, numbers are written without making strings, and a body a
/// route already parsed is not parsed again.
enum JournalLine {
    static func append(_ exchange: ExchangeRecord, to line: inout [UInt8]) {
        line.append(UInt8(ascii: "{"))
        member("id", first: true, &line)
        integer(exchange.id, &line)
        member("time", &line)
        line.append(UInt8(ascii: "\""))
        if let arrived = exchange.arrived { ObservedExchange.appendTimestamp(arrived, to: &line) }
        line.append(UInt8(ascii: "\""))
        let head = exchange.head
        member("method", &line)
        string(head.method.rawValue, &line)
        let target = head.path ?? "/"
        let queryStart = target.utf8.firstIndex(of: UInt8(ascii: "?"))
        member("path", &line)
        string(target[..<(queryStart ?? target.endIndex)], &line)
        if let queryStart {
            member("query", &line)
            string(target[target.utf8.index(after: queryStart)...], &line)
        }
        member("headers", &line)
        line.append(UInt8(ascii: "{"))
        if exchange.arrived != nil { headers(head.headerFields, &line) }
        line.append(UInt8(ascii: "}"))
        var json: JSON?
        if let body = exchange.body, body.count > 0 {
            // The tree is needed only to find the model of a request no route noted.
            json = exchange.notedModel == nil ? exchange.bodyJSON : nil
            let isJSON = json != nil || (exchange.notedModel != nil && exchange.bodyIsJSON)
            body.preview.withUnsafeReadableBytes { bytes in
                if isJSON {
                    member("json", &line)
                    let start = line.count
                    line.append(contentsOf: bytes)
                    // Valid JSON has no raw line breaks or tabs inside strings: these are all whitespace.
                    line.withUnsafeMutableBufferPointer { written in
                        for index in start..<written.count where written[index] == 0x0A || written[index] == 0x0D || written[index] == 0x09 {
                            written[index] = 0x20
                        }
                    }
                } else {
                    member("body", &line)
                    if bytes.allSatisfy({ $0 < 0x80 }) {
                        string(bytes, &line)
                    } else {
                        // Repairs what is not UTF-8, as the admin API's text of the body does.
                        string(String(decoding: bytes, as: UTF8.self), &line)
                    }
                }
            }
        }
        member("bodyBytes", &line)
        integer(exchange.bodyBytes, &line)
        if let model = exchange.model(json: json) {
            member("model", &line)
            string(model, &line)
        }
        member("stream", &line)
        literal(exchange.stream ? "true" : "false", &line)
        member("status", &line)
        integer(exchange.status, &line)
        member("responseBytes", &line)
        integer(exchange.responseBytes, &line)
        member("durationMilliseconds", &line)
        milliseconds(exchange.duration, &line)
        if let first = exchange.firstByte {
            member("firstByteMilliseconds", &line)
            milliseconds(first, &line)
        }
        if let stub = exchange.stub {
            member("stub", &line)
            string(stub, &line)
        }
        if let fault = exchange.fault {
            member("fault", &line)
            string(fault, &line)
        }
        line.append(UInt8(ascii: "}"))
        line.append(0x0A)
    }

    /// The members of ``ObservedExchange/maskedFields(_:)``, written from the fields in place:
    /// sorted by name, a repeated name's values joined with ", ", credentials masked.
    private static func headers(_ fields: HTTPFields, _ line: inout [UInt8]) {
        let fields = Array(fields)
        let order = fields.indices.sorted { left, right in
            let (leftName, rightName) = (fields[left].name.canonicalName, fields[right].name.canonicalName)
            return leftName == rightName ? left < right : leftName < rightName
        }
        var previous: String?
        for index in order {
            let field = fields[index]
            let name = field.name.canonicalName
            if name == previous {
                // Inside the previous value's closing quote.
                line.removeLast()
                literal(", ", &line)
            } else {
                if previous != nil { line.append(UInt8(ascii: ",")) }
                string(name, &line)
                line.append(UInt8(ascii: ":"))
                line.append(UInt8(ascii: "\""))
            }
            let value = ObservedExchange.maskedHeaders.contains(name) ? ObservedExchange.masked(field.value) : field.value
            escaped(value, &line)
            line.append(UInt8(ascii: "\""))
            previous = name
        }
    }

    private static func member(_ name: StaticString, first: Bool = false, _ line: inout [UInt8]) {
        if !first { line.append(UInt8(ascii: ",")) }
        line.append(UInt8(ascii: "\""))
        literal(name, &line)
        line.append(UInt8(ascii: "\""))
        line.append(UInt8(ascii: ":"))
    }

    private static func literal(_ text: StaticString, _ line: inout [UInt8]) {
        text.withUTF8Buffer { line.append(contentsOf: $0) }
    }

    /// `value` in decimal digits.
    static func integer(_ value: Int, _ line: inout [UInt8]) {
        if value < 0 { line.append(UInt8(ascii: "-")) }
        var rest = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            line.append(contentsOf: digits[start...])
        }
    }

    /// A duration in milliseconds to the microsecond, the same text as the `Double`'s description
    /// (`0.25`, `12.0`), the way the admin API's serializer writes it.
    static func milliseconds(_ duration: Duration, _ line: inout [UInt8]) {
        let microseconds = ExchangeRecord.microseconds(duration)
        // Below 10^15 the shortest text of microseconds / 1000 is that decimal itself.
        guard (0..<1_000_000_000_000_000).contains(microseconds) else {
            line += ExchangeRecord.milliseconds(duration).description.utf8
            return
        }
        integer(microseconds / 1000, &line)
        line.append(UInt8(ascii: "."))
        var fraction = microseconds % 1000
        var width = 3
        while width > 1, fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        for power in stride(from: width - 1, through: 0, by: -1) {
            var divisor = 1
            for _ in 0..<power { divisor *= 10 }
            line.append(UInt8(ascii: "0") + UInt8(fraction / divisor % 10))
        }
    }

    private static func string(_ text: some StringProtocol, _ line: inout [UInt8]) {
        line.append(UInt8(ascii: "\""))
        escaped(text, &line)
        line.append(UInt8(ascii: "\""))
    }

    private static func string(_ bytes: UnsafeRawBufferPointer, _ line: inout [UInt8]) {
        line.append(UInt8(ascii: "\""))
        escaped(bytes, &line)
        line.append(UInt8(ascii: "\""))
    }

    private static func escaped(_ text: some StringProtocol, _ line: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { escaped(UnsafeRawBufferPointer($0), &line) }
        guard done == nil else { return }
        var copy = String(text)
        copy.withUTF8 { escaped(UnsafeRawBufferPointer($0), &line) }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// The bytes of a JSON string's content: runs that need no escape copied whole.
    private static func escaped(_ bytes: UnsafeRawBufferPointer, _ line: inout [UInt8]) {
        var run = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            line.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[run..<index]))
            run = index + 1
            line.append(UInt8(ascii: "\\"))
            switch byte {
            case 0x0A: line.append(UInt8(ascii: "n"))
            case 0x0D: line.append(UInt8(ascii: "r"))
            case 0x09: line.append(UInt8(ascii: "t"))
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): line.append(byte)
            default:
                literal("u00", &line)
                line.append(hex[Int(byte >> 4)])
                line.append(hex[Int(byte & 15)])
            }
        }
        line.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[run...]))
    }
}

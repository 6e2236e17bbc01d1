import ConformJSON
import HTTPTypes
import NIOCore

/// Writes an exchange as one line of the journal file, the same record as the admin API answers
/// (``ObservedExchange/jsonValue``, with the body's JSON as the client sent it, on one line),
/// straight from the ``ExchangeRecord`` rather than through an ``ObservedExchange`` and a JSON tree:
/// the file is written for every request, and those cost several times more. Strings and integers
/// are written by ``JSONText``, as the serializer writes them; durations without making strings; a
/// body a route already parsed is not parsed again.
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
        let (path, query) = exchange.target
        member("path", &line)
        string(path, &line)
        if let query {
            member("query", &line)
            string(query, &line)
        }
        member("headers", &line)
        line.append(UInt8(ascii: "{"))
        if exchange.arrived != nil {
            for (index, field) in ObservedExchange.maskedFields(head.headerFields).enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                string(field.name, &line)
                line.append(UInt8(ascii: ":"))
                string(field.value, &line)
            }
        }
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
                        JSONText.appendString(bytes, to: &line)
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
        // The three decimals without trailing zeros, at least one.
        let fraction = microseconds % 1000
        line.append(UInt8(ascii: "0") + UInt8(fraction / 100))
        guard fraction % 100 != 0 else { return }
        line.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
        guard fraction % 10 != 0 else { return }
        line.append(UInt8(ascii: "0") + UInt8(fraction % 10))
    }

    private static func string(_ text: some StringProtocol, _ line: inout [UInt8]) {
        JSONText.appendString(text, to: &line)
    }

    private static func integer(_ value: Int, _ line: inout [UInt8]) {
        JSONText.appendInteger(Int64(value), to: &line)
    }
}

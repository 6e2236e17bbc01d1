import ConformJSON
import HTTPTypes
import NIOCore

/// Writes an exchange as one line of the journal file, the same record as the admin API answers
/// (``ObservedExchange/jsonValue``, with the body's JSON as the client sent it, on one line), byte
/// by byte from the ``ExchangeRecord`` rather than through an ``ObservedExchange`` and a JSON tree:
/// the file is written for every request, and those cost several times more.
enum JournalLine {
    static func append(_ exchange: ExchangeRecord, to line: inout [UInt8]) {
        line.append(UInt8(ascii: "{"))
        member("id", first: true, &line)
        number(exchange.id, &line)
        member("time", &line)
        line.append(UInt8(ascii: "\""))
        if let arrived = exchange.arrived { ObservedExchange.appendTimestamp(arrived, to: &line) }
        line.append(UInt8(ascii: "\""))
        member("method", &line)
        string(exchange.head.method.rawValue.utf8, &line)
        member("path", &line)
        string(exchange.path.utf8, &line)
        if let query = exchange.query {
            member("query", &line)
            string(query.utf8, &line)
        }
        member("headers", &line)
        line.append(UInt8(ascii: "{"))
        if exchange.arrived != nil {
            for (index, field) in ObservedExchange.maskedFields(exchange.head.headerFields).enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                string(field.name.utf8, &line)
                line.append(UInt8(ascii: ":"))
                string(field.value.utf8, &line)
            }
        }
        line.append(UInt8(ascii: "}"))
        var json: JSON?
        if let body = exchange.body, body.count > 0 {
            let bytes = body.preview.readableBytesView
            // The tree is needed only to find the model of a request no route noted.
            json = exchange.notedModel == nil ? exchange.bodyJSON : nil
            if json != nil || (exchange.notedModel != nil && exchange.bodyIsJSON) {
                member("json", &line)
                // Valid JSON has no raw line breaks or tabs inside strings: these are all whitespace.
                for byte in bytes { line.append(byte == 0x0A || byte == 0x0D || byte == 0x09 ? 0x20 : byte) }
            } else {
                member("body", &line)
                if bytes.allSatisfy({ $0 < 0x80 }) {
                    string(bytes, &line)
                } else {
                    // Repairs what is not UTF-8, as the admin API's text of the body does.
                    string(String(decoding: bytes, as: UTF8.self).utf8, &line)
                }
            }
        }
        member("bodyBytes", &line)
        number(exchange.bodyBytes, &line)
        if let model = exchange.model(json: json) {
            member("model", &line)
            string(model.utf8, &line)
        }
        member("stream", &line)
        line += (exchange.stream ? "true" : "false").utf8
        member("status", &line)
        number(exchange.status, &line)
        member("responseBytes", &line)
        number(exchange.responseBytes, &line)
        member("durationMilliseconds", &line)
        line += exchange.durationMilliseconds.description.utf8
        if let first = exchange.firstByteMilliseconds {
            member("firstByteMilliseconds", &line)
            line += first.description.utf8
        }
        if let stub = exchange.stub {
            member("stub", &line)
            string(stub.utf8, &line)
        }
        if let fault = exchange.fault {
            member("fault", &line)
            string(fault.utf8, &line)
        }
        line.append(UInt8(ascii: "}"))
        line.append(0x0A)
    }

    private static func member(_ name: StaticString, first: Bool = false, _ line: inout [UInt8]) {
        if !first { line.append(UInt8(ascii: ",")) }
        line.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { line.append(contentsOf: $0) }
        line.append(UInt8(ascii: "\""))
        line.append(UInt8(ascii: ":"))
    }

    private static func number(_ value: Int, _ line: inout [UInt8]) {
        line += String(value).utf8
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func string(_ text: some Sequence<UInt8>, _ line: inout [UInt8]) {
        line.append(UInt8(ascii: "\""))
        for byte in text {
            switch byte {
            case UInt8(ascii: "\""): line += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): line += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: line += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: line += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: line += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case ..<0x20: line += [UInt8(ascii: "\\"), UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: line.append(byte)
            }
        }
        line.append(UInt8(ascii: "\""))
    }
}

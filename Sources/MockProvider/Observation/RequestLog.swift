import ConformJSON
import Foundation

/// One line per request on standard error, as text
/// (`2026-12-06T07:00:00.123Z POST /v1/chat/completions model=qwen3 200 1532 B 3.1 ms`) or as the
/// journal's JSON.
public struct RequestLog: ExchangeObserver {
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case text, json
    }

    let format: Format
    var wantsRequestDetails: Bool { true }

    func observe(_ exchange: ExchangeRecord) {
        FileHandle.standardError.write(Data(line(exchange.observed).utf8))
    }

    func line(_ exchange: ObservedExchange) -> String {
        switch format {
        case .json:
            var compact = exchange
            compact.body = nil
            compact.json = nil
            return compact.jsonValue.serializedString() + "\n"
        case .text:
            var parts = [exchange.time, exchange.method, exchange.path + (exchange.query.map { "?" + $0 } ?? "")]
            if let model = exchange.model { parts.append("model=\(model)") }
            parts.append("\(exchange.status)")
            parts.append("\(exchange.responseBytes) B")
            parts.append(String(format: "%.1f ms", exchange.durationMilliseconds))
            if let first = exchange.firstByteMilliseconds, exchange.stream { parts.append(String(format: "first byte %.1f ms", first)) }
            if let stub = exchange.stub { parts.append("stub=\(stub)") }
            if let fault = exchange.fault { parts.append("fault=\(fault)") }
            return parts.joined(separator: " ") + "\n"
        }
    }
}

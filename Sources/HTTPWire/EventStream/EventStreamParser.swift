/// An incremental parser for `text/event-stream` (WHATWG HTML, "Server-sent events"): feed it bytes
/// as they arrive, in chunks of any size, and it returns each event as soon as its blank line is seen.
/// It accepts LF, CRLF and CR line ends, a leading byte-order mark, multi-line `data`, `id`, `retry`
/// and comments, and records what the standard silently ignores as ``diagnostics``.
public struct EventStreamParser: Sendable {
    /// What a fed chunk produced.
    public enum Output: Sendable, Hashable {
        case event(ServerSentEvent)
        /// A line starting with `:`, without the colon and one following space.
        case comment(String)
    }

    public private(set) var diagnostics: [EventStreamDiagnostic] = []
    /// How many complete lines have been read.
    public private(set) var lineCount = 0

    private var lineBuffer: [UInt8] = []
    private var skipLineFeed = false
    private var atStreamStart = true
    private var eventType: String?
    private var data: [UInt8] = []
    private var hasData = false
    private var lastEventID: String?
    private var retry: Int?
    private var fieldsInEvent = 0

    public init() {}

    /// Consumes the next bytes of the stream and returns what they completed.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Output] {
        var outputs: [Output] = []
        let fed: Void? = bytes.withContiguousStorageIfAvailable { feed($0, into: &outputs) }
        if fed == nil {
            Array(bytes).withUnsafeBufferPointer { feed($0, into: &outputs) }
        }
        return outputs
    }

    /// Splits `bytes` at line ends and appends each run between them to the line buffer whole:
    /// a chunk costs a scan and one copy per line, not a call per byte.
    private mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, into outputs: inout [Output]) {
        var index = 0
        if skipLineFeed, let first = bytes.first {
            skipLineFeed = false
            if first == 0x0A { index = 1 }
        }
        var lineStart = index
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            guard byte == 0x0A || byte == 0x0D else { continue }
            lineBuffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lineStart..<index - 1]))
            endLine(into: &outputs)
            if byte == 0x0D {
                // CRLF is one line end, even when the LF comes in the next chunk.
                if index == bytes.count {
                    skipLineFeed = true
                } else if bytes[index] == 0x0A {
                    index += 1
                }
            }
            lineStart = index
        }
        lineBuffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lineStart..<bytes.count]))
    }

    /// Ends the stream. An event whose blank line never came is discarded, as the standard requires,
    /// and noted in ``diagnostics``.
    public mutating func finish() {
        if !lineBuffer.isEmpty {
            diagnostics.append(EventStreamDiagnostic(line: lineCount + 1, kind: .endedMidLine, message: "stream ended in the middle of a line"))
            lineBuffer.removeAll()
        }
        if fieldsInEvent > 0 {
            diagnostics.append(EventStreamDiagnostic(
                line: lineCount, kind: .endedBeforeDispatch,
                message: "stream ended before the blank line that dispatches the last event; the event is discarded"))
        }
        resetEvent()
    }

    private mutating func endLine(into outputs: inout [Output]) {
        lineCount += 1
        var line = lineBuffer
        lineBuffer.removeAll(keepingCapacity: true)
        if atStreamStart {
            atStreamStart = false
            if line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
        }
        if line.isEmpty {
            dispatch(into: &outputs)
            return
        }
        if String(validating: line, as: UTF8.self) == nil {
            diagnostics.append(EventStreamDiagnostic(line: lineCount, kind: .invalidUTF8, message: "line is not valid UTF-8"))
        }
        if line.first == UInt8(ascii: ":") {
            outputs.append(.comment(Self.decode(Self.value(line.dropFirst()))))
            return
        }
        let name: ArraySlice<UInt8>
        let value: ArraySlice<UInt8>
        if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            name = line[..<colon]
            value = Self.value(line[(colon + 1)...])
        } else {
            name = line[...]
            value = []
        }
        fieldsInEvent += 1
        switch Self.decode(name) {
        case "event":
            eventType = Self.decode(value)
        case "data":
            if hasData { data.append(0x0A) }
            data.append(contentsOf: value)
            hasData = true
        case "id":
            if value.contains(0) {
                diagnostics.append(EventStreamDiagnostic(line: lineCount, kind: .idWithNUL, message: "id containing NUL ignored"))
            } else {
                lastEventID = Self.decode(value)
            }
        case "retry":
            if !value.isEmpty, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let milliseconds = Int(Self.decode(value)) {
                retry = milliseconds
            } else {
                diagnostics.append(EventStreamDiagnostic(line: lineCount, kind: .invalidRetry, message: "retry value '\(Self.decode(value))' is not a number; ignored"))
            }
        default:
            diagnostics.append(EventStreamDiagnostic(line: lineCount, kind: .unknownField, message: "unknown field '\(Self.decode(name))' ignored"))
        }
    }

    private mutating func dispatch(into outputs: inout [Output]) {
        defer { resetEvent() }
        guard fieldsInEvent > 0 else { return }
        guard hasData else {
            diagnostics.append(EventStreamDiagnostic(
                line: lineCount, kind: .eventWithoutData,
                message: eventType.map { "a block naming event '\($0)' has no data field and is not dispatched" }
                    ?? "a block without a data field is not dispatched"))
            return
        }
        outputs.append(.event(ServerSentEvent(event: eventType, data: Self.decode(data[...]), id: lastEventID, retry: retry)))
    }

    private mutating func resetEvent() {
        eventType = nil
        data.removeAll(keepingCapacity: true)
        hasData = false
        retry = nil
        fieldsInEvent = 0
    }

    /// A field value without the single space that may follow the colon.
    private static func value(_ raw: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        raw.first == UInt8(ascii: " ") ? raw.dropFirst() : raw
    }

    private static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}

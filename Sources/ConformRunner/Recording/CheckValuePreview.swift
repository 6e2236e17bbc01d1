import ConformJSON

/// Keeps a check's expected and actual values readable in a report: a value whose compact JSON is
/// longer than ``limit`` bytes is replaced by a string of its first bytes and its full size, so an
/// enormous answer cannot swell `report.json` to its own size.
enum CheckValuePreview {
    /// The longest value kept whole, in bytes of compact JSON.
    static let limit = ExchangeRecording.previewLimit

    static func preview(_ value: JSON) -> JSON {
        let bytes = value.serialized()
        guard bytes.count > limit else { return value }
        var end = limit
        // Cut on a character boundary: back off continuation bytes of UTF-8.
        while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return .string(String(decoding: bytes[..<end], as: UTF8.self) + "… (\(bytes.count) bytes of JSON in all, cut to \(end))")
    }
}

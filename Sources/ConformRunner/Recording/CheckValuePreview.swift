import ConformJSON

/// Keeps a check's expected and actual values readable in a report: a value whose compact JSON is
/// longer than the body preview is replaced by a string of its first bytes and its full size, so
/// an enormous answer cannot swell `report.json` to its own size.
enum CheckValuePreview {
    static func preview(_ value: JSON) -> JSON {
        let bytes = value.serialized()
        guard bytes.count > ExchangeRecording.previewLimit else { return value }
        let (head, _) = ExchangeRecording.cut(String(decoding: bytes, as: UTF8.self))
        return .string(head + "… (\(bytes.count) bytes of JSON in all, cut to \(head.utf8.count))")
    }
}

/// A piece of text cut to a byte budget for display, at a character boundary, remembering how much
/// was left out so the reader is told.
struct TextPreview {
    var text: String
    /// Bytes of UTF-8 not shown; zero when the whole text fits.
    var omittedBytes: Int

    init(_ text: String, maximumBytes: Int) {
        let total = text.utf8.count
        guard total > maximumBytes else {
            self.text = text
            omittedBytes = 0
            return
        }
        var kept = ""
        var used = 0
        for character in text {
            let size = character.utf8.count
            if used + size > maximumBytes { break }
            kept.append(character)
            used += size
        }
        self.text = kept
        omittedBytes = total - used
    }

    var isTruncated: Bool { omittedBytes > 0 }

    /// The note that follows a cut preview, e.g. `… 1,204 more bytes`.
    var omissionNote: String? {
        isTruncated ? "… \(NumberText.grouped(omittedBytes)) more bytes not shown" : nil
    }
}

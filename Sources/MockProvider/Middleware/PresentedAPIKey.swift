import HTTPTypes

/// Reads the API key a request presents: a non-empty `Authorization: Bearer KEY` first, else
/// `X-API-Key: KEY`, each without surrounding blanks. Works on the header bytes, without
/// Foundation, since every authenticated request passes through it.
enum PresentedAPIKey {
    static let apiKeyField = HTTPField.Name("X-API-Key")!

    /// The key a request presents, if any.
    static func find(in headers: HTTPFields) -> String? {
        if let authorization = headers[.authorization], let key = bearerToken(authorization) {
            return key
        }
        if let value = headers[apiKeyField] {
            let key = trimmingBlanks(value[...])
            if !key.isEmpty { return key }
        }
        return nil
    }

    /// The token of `Bearer TOKEN`, the scheme in any case and the token without surrounding
    /// blanks; nil for another scheme or an empty token. The scheme is the first run of
    /// characters between spaces, as a split on the space character finds it.
    static func bearerToken(_ authorization: String) -> String? {
        let utf8 = authorization.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return bearerToken(characters: authorization) }
        // In ASCII every byte is a character, so the split can be done on bytes; `| 0x20` folds
        // case, and only the two cases of each letter fold onto the letters of "bearer".
        guard let schemeStart = utf8.firstIndex(where: { $0 != UInt8(ascii: " ") }),
            let schemeEnd = utf8[schemeStart...].firstIndex(of: UInt8(ascii: " ")),
            utf8[schemeStart..<schemeEnd].elementsEqual("bearer".utf8, by: { $0 | 0x20 == $1 })
        else { return nil }
        let key = trimmingBlanks(authorization[utf8.index(after: schemeEnd)...])
        return key.isEmpty ? nil : key
    }

    /// The same reading for values with non-ASCII text, where a space followed by a combining mark
    /// is one character and separates nothing.
    private static func bearerToken(characters authorization: String) -> String? {
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let key = trimmingBlanks(parts[1])
        return key.isEmpty ? nil : key
    }

    /// `text` without leading and trailing blanks: tabs, Unicode space separators and the zero
    /// width space, the characters Foundation's `whitespaces` set trims.
    static func trimmingBlanks(_ text: Substring) -> String {
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isBlank(scalars[start]) { scalars.formIndex(after: &start) }
        while end > start, isBlank(scalars[scalars.index(before: end)]) { scalars.formIndex(before: &end) }
        return String(scalars[start..<end])
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || scalar == "\t" }
        return scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
    }
}

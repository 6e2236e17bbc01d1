import Foundation

extension RunReport {
    /// Wall-clock time from start to finish, when both timestamps are ISO 8601.
    public var wallMilliseconds: Double? {
        guard let start = Self.date(startedAt), let end = Self.date(finishedAt) else { return nil }
        return end.timeIntervalSince(start) * 1000
    }

    private static func date(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// The host of the target's base URL, or the base URL itself when it has none.
    public var targetHost: String {
        URL(string: target.baseURL)?.host(percentEncoded: false) ?? target.baseURL
    }

    /// The name of the run's directory under `reports/`: the UTC start time then the target's host,
    /// e.g. `20261121T231111Z-127.0.0.1`. Only letters, digits, dots and dashes are kept, so the name
    /// is safe on every file system and in a shell.
    public var directoryName: String {
        let compactTime = String(startedAt.prefix(19).filter { $0 != "-" && $0 != ":" }) + "Z"
        return Self.safeName(compactTime) + "-" + Self.safeName(targetHost)
    }

    private static func safeName(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "." || scalar == "-")
                ? Character(scalar) : "-"
        })
    }
}

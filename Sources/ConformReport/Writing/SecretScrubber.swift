import ConformContract
import ConformJSON

/// Replaces secrets (API keys) wherever they appear in a report with `$GPUSTACK_API_KEY`, so a
/// reproduction command still reads as one. The runner redacts before it builds a report; the
/// writers scrub again so a secret that slipped into a message or a response body never reaches a file.
///
/// A secret shorter than ``shortSecretLength`` bytes (a test key such as `test` or `k`) is replaced
/// only where it stands as a token of its own, not inside a longer run of letters, digits, `-` or
/// `_`: replacing it inside words would turn `chunks` into `chun$GPUSTACK_API_KEYs` all over a
/// report, and so short a key guards nothing.
public struct SecretScrubber: Sendable {
    /// What a secret is replaced with: the variable the reproduction commands read the key from.
    public static let placeholder = "$GPUSTACK_API_KEY"

    /// Secrets at least this long are replaced wherever they occur, inside words too.
    public static let shortSecretLength = 8

    /// Longest first, so a secret that contains another is replaced whole; empty ones are dropped,
    /// since they would match everywhere.
    private let secrets: [[UInt8]]

    public init(secrets: [String]) {
        self.secrets = Set(secrets.filter { !$0.isEmpty }).map { Array($0.utf8) }.sorted { $0.count > $1.count }
    }

    public var isEmpty: Bool { secrets.isEmpty }

    /// The text with every occurrence of every secret replaced. Matching is on UTF-8 bytes, never
    /// on characters, so a secret followed by a combining mark is still found.
    public func scrub(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        var bytes = Array(text.utf8)
        var changed = false
        for secret in secrets where Self.replace(secret, in: &bytes) { changed = true }
        return changed ? String(decoding: bytes, as: UTF8.self) : text
    }

    public func scrub(_ value: JSON) -> JSON {
        guard !secrets.isEmpty else { return value }
        switch value {
        case .string(let text): return .string(scrub(text))
        case .array(let elements): return .array(elements.map(scrub))
        case .object(let object): return .object(JSONObject(object.map { (scrub($0.key), scrub($0.value)) }))
        case .null, .bool, .integer, .number: return value
        }
    }

    /// A copy of `value` with every string in it scrubbed, whatever its type: the value goes
    /// through its own Codable definition, so no list of fields can miss one. The report's own
    /// words (verdicts, levels, statuses) are never secrets, so a short key that happens to be one
    /// cannot turn `"pass"` into something the format cannot read back.
    public func scrub<Value: Codable>(_ value: Value) -> Value {
        guard !secrets.isEmpty else { return value }
        do {
            let tree = try JSONValueEncoder().encode(value)
            return try JSONValueDecoder().decode(Value.self, from: scrub(tree, sparing: Self.formatWords))
        } catch {
            // Only a type whose encoding fails can land here, and none of the report's does; a
            // value that cannot be scrubbed is not let through.
            preconditionFailure("\(Value.self) could not be scrubbed: \(error)")
        }
    }

    /// The words of the report format that a secret may spell but never hides.
    static let formatWords: Set<String> = Set(
        Verdict.allCases.map(\.rawValue) + RequirementLevel.allCases.map(\.rawValue) + RunOutcome.Status.allCases.map(\.rawValue))

    private func scrub(_ value: JSON, sparing spared: Set<String>) -> JSON {
        switch value {
        case .string(let text): return spared.contains(text) ? value : .string(scrub(text))
        case .array(let elements): return .array(elements.map { scrub($0, sparing: spared) })
        case .object(let object): return .object(JSONObject(object.map { (scrub($0.key), scrub($0.value, sparing: spared)) }))
        case .null, .bool, .integer, .number: return value
        }
    }

    /// Replaces every non-overlapping occurrence of `secret` in `bytes`, left to right (for a short
    /// secret, every one that stands as a token of its own); true when anything was replaced.
    private static func replace(_ secret: [UInt8], in bytes: inout [UInt8]) -> Bool {
        guard bytes.count >= secret.count, let first = secret.first else { return false }
        let replacement = Array(placeholder.utf8)
        let wholeTokensOnly = secret.count < shortSecretLength
        var output: [UInt8] = []
        var index = 0
        var found = false
        while index < bytes.count {
            if bytes[index] == first, index + secret.count <= bytes.count,
                bytes[index..<index + secret.count].elementsEqual(secret),
                !wholeTokensOnly || standsAlone(index..<index + secret.count, in: bytes)
            {
                if !found {
                    output.reserveCapacity(bytes.count)
                    output.append(contentsOf: bytes[..<index])
                    found = true
                }
                output.append(contentsOf: replacement)
                index += secret.count
                continue
            }
            if found { output.append(bytes[index]) }
            index += 1
        }
        if found { bytes = output }
        return found
    }

    /// Whether the bytes around `range` are not part of the same token.
    private static func standsAlone(_ range: Range<Int>, in bytes: [UInt8]) -> Bool {
        (range.lowerBound == 0 || !isTokenByte(bytes[range.lowerBound - 1]))
            && (range.upperBound == bytes.count || !isTokenByte(bytes[range.upperBound]))
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }
}

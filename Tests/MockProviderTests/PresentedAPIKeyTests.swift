import Foundation
import HTTPTypes
import Testing

@testable import MockProvider

@Suite("Reading the presented API key")
struct PresentedAPIKeyTests {
    static let apiKey = HTTPField.Name("X-API-Key")!

    static func key(authorization: String? = nil, apiKey: String? = nil) -> String? {
        var headers = HTTPFields()
        if let authorization { headers[.authorization] = authorization }
        if let apiKey { headers[Self.apiKey] = apiKey }
        return PresentedAPIKey.find(in: headers)
    }

    @Test("Bearer in any case, blanks around the token dropped, other schemes and empty tokens refused")
    func bearer() {
        #expect(Self.key(authorization: "Bearer k") == "k")
        #expect(Self.key(authorization: "  bEARER   k \t") == "k")
        #expect(Self.key(authorization: "Bearer a b") == "a b")
        #expect(Self.key(authorization: "Bearer \u{00A0}k\u{3000}\u{200B}") == "k")
        #expect(Self.key(authorization: "Bearer") == nil)
        #expect(Self.key(authorization: "Bearer ") == nil)
        #expect(Self.key(authorization: "Bearer \t ") == nil)
        #expect(Self.key(authorization: "Bearer\tk") == nil)
        #expect(Self.key(authorization: "Bearerk k") == nil)
        #expect(Self.key(authorization: "Basic k") == nil)
        #expect(Self.key() == nil)
    }

    @Test("X-API-Key is read when no non-empty Bearer token is presented")
    func fallback() {
        #expect(Self.key(apiKey: " k2 ") == "k2")
        #expect(Self.key(authorization: "Bearer  ", apiKey: "k2") == "k2")
        #expect(Self.key(authorization: "Basic k", apiKey: "k2") == "k2")
        #expect(Self.key(authorization: "Bearer k1", apiKey: "k2") == "k1")
        #expect(Self.key(apiKey: "\u{2003}") == nil)
    }

    /// The reading GPUStack's rules give, written with Foundation: split on spaces, compare the
    /// scheme lowercased, trim `whitespaces`.
    static func foundationReading(_ authorization: String) -> String? {
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let key = parts[1].trimmingCharacters(in: .whitespaces)
        return key.isEmpty ? nil : key
    }

    @Test("Every combination of schemes, separators, blanks and tokens reads as Foundation reads it")
    func matchesFoundation() {
        let pieces = ["", " ", "  ", "\t", "Bearer", "bearer", "BEARER", "Basic", "k", "a b", "\u{00A0}", "\u{200B}", "\u{3000}", "é", "\u{301}"]
        var checked = 0
        for first in pieces {
            for second in pieces {
                for third in pieces {
                    for fourth in [" k", "k ", "\u{2009}"] {
                        let authorization = first + second + third + fourth
                        #expect(PresentedAPIKey.bearerToken(authorization) == Self.foundationReading(authorization), "\(authorization.debugDescription)")
                        #expect(PresentedAPIKey.trimmingBlanks(authorization[...]) == authorization.trimmingCharacters(in: .whitespaces))
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == pieces.count * pieces.count * pieces.count * 3)
    }
}

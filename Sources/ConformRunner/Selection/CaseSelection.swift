import ConformContract
import ConformReport
import ConformSuite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which cases a run includes: those matching any `--only` glob (on case id or endpoint, all when
/// none is given) at or above the `--level`.
public struct CaseSelection: Sendable, Hashable {
    /// Shell-style patterns (`*`, `?`, `[...]`) matched against case ids and endpoint names.
    public var only: [String]
    /// `.must` runs only must-level cases and checks; `.should` runs everything.
    public var level: RequirementLevel

    public init(only: [String] = [], level: RequirementLevel = .should) {
        self.only = only
        self.level = level
    }

    public func includes(_ fixture: Fixture) -> Bool {
        guard fixture.level <= level else { return false }
        guard !only.isEmpty else { return true }
        return only.contains { pattern in
            Self.matches(pattern, fixture.id) || Self.matches(pattern, fixture.endpoint.rawValue)
        }
    }

    public func select(_ fixtures: [Fixture]) -> [Fixture] {
        fixtures.filter(includes)
    }

    static func matches(_ pattern: String, _ text: String) -> Bool {
        fnmatch(pattern, text, 0) == 0
    }
}

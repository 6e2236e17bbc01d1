import ConformContract

/// Everything one run of the suite found, in the form every report format is rendered from and
/// `report.json` stores. It holds plain values only: no transport, runner or fixture types.
public struct RunReport: Sendable, Hashable {
    /// The conform version that produced the report.
    public var suiteVersion: String
    /// SHA-256 over the fixture files that were loaded, so two reports can be compared fairly.
    public var fixtureDigest: String
    public var target: TargetDescription
    public var options: RunOptionsRecord
    /// ISO 8601 UTC, e.g. `2026-11-21T23:11:11Z`.
    public var startedAt: String
    public var finishedAt: String
    /// The run's wall time, measured (the timestamps are to the second).
    public var durationMilliseconds: Double
    public var outcome: RunOutcome
    public var cases: [CaseReport]

    public init(
        suiteVersion: String, fixtureDigest: String, target: TargetDescription, options: RunOptionsRecord,
        startedAt: String, finishedAt: String, durationMilliseconds: Double = 0, outcome: RunOutcome, cases: [CaseReport]
    ) {
        self.durationMilliseconds = durationMilliseconds
        self.suiteVersion = suiteVersion
        self.fixtureDigest = fixtureDigest
        self.target = target
        self.options = options
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.cases = cases
    }
}

/// The server under test, as far as a report may say: never its API key.
public struct TargetDescription: Sendable, Hashable, Codable {
    public var baseURL: String
    /// True when the run started the embedded mock instead of contacting a server.
    public var embeddedMock: Bool
    /// True when goldens were compared (the target was declared deterministic).
    public var deterministic: Bool
    /// Identifying response headers seen from the target, such as `server`, in the order first seen.
    public var serverHeaders: [ReportHeader]
    /// Role → model name and role → route id, as used to fill the fixtures.
    public var models: [String: String]
    public var routes: [String: String]

    public init(
        baseURL: String, embeddedMock: Bool, deterministic: Bool, serverHeaders: [ReportHeader] = [],
        models: [String: String] = [:], routes: [String: String] = [:]
    ) {
        self.baseURL = baseURL
        self.embeddedMock = embeddedMock
        self.deterministic = deterministic
        self.serverHeaders = serverHeaders
        self.models = models
        self.routes = routes
    }
}

/// The options a run was started with, recorded so a reader can reproduce it.
public struct RunOptionsRecord: Sendable, Hashable, Codable {
    public var level: RequirementLevel
    public var failOn: FailurePolicy
    /// Whether a skipped case fails the run (`--fail-on-skip`).
    public var failOnSkip: Bool
    public var only: [String]
    public var concurrency: Int
    public var timeoutSeconds: Double
    public var baseline: String?

    public init(
        level: RequirementLevel, failOn: FailurePolicy, failOnSkip: Bool = false, only: [String], concurrency: Int,
        timeoutSeconds: Double, baseline: String?
    ) {
        self.level = level
        self.failOn = failOn
        self.failOnSkip = failOnSkip
        self.only = only
        self.concurrency = concurrency
        self.timeoutSeconds = timeoutSeconds
        self.baseline = baseline
    }
}

/// How the run as a whole ended and the exit code it gave.
public struct RunOutcome: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, CaseIterable, Codable {
        /// No failure at the --fail-on level.
        case passed
        /// At least one failure at the --fail-on level.
        case failed
        /// The run could not be carried out (bad configuration, unreachable target).
        case error
        /// The run was interrupted; the report holds what finished.
        case interrupted
    }

    public var status: Status
    public var exitCode: Int
    /// Why the run could not be carried out or was cut short.
    public var message: String?

    public init(status: Status, exitCode: Int, message: String? = nil) {
        self.status = status
        self.exitCode = exitCode
        self.message = message
    }
}

/// One header as recorded in a report.
public struct ReportHeader: Sendable, Hashable, Codable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

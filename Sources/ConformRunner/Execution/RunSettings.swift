import ConformContract
import ConformReport

/// How a run goes: which cases, how many at once, how long each request may take, what fails
/// the run, and which failures are accepted.
public struct RunSettings: Sendable {
    public var selection: CaseSelection
    /// How many cases run at once.
    public var concurrency: Int
    /// The longest an exchange may take, a streamed answer included, and the longest wait for each
    /// stream event.
    public var timeout: Duration
    public var failurePolicy: FailurePolicy
    /// Whether a skipped case fails the run (`--fail-on-skip`): a CI job's way to demand that
    /// every case ran.
    public var failOnSkip: Bool
    public var baseline: Baseline
    /// The baseline file as given, recorded in the report.
    public var baselinePath: String?
    /// The conform version recorded in the report.
    public var suiteVersion: String

    public init(
        selection: CaseSelection = CaseSelection(), concurrency: Int = 4, timeout: Duration = .seconds(30),
        failurePolicy: FailurePolicy = .must, failOnSkip: Bool = false, baseline: Baseline = Baseline(), baselinePath: String? = nil,
        suiteVersion: String
    ) {
        self.failOnSkip = failOnSkip
        self.selection = selection
        self.concurrency = max(1, concurrency)
        self.timeout = timeout
        self.failurePolicy = failurePolicy
        self.baseline = baseline
        self.baselinePath = baselinePath
        self.suiteVersion = suiteVersion
    }
}

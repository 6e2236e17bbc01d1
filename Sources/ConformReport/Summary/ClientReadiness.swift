import ConformContract

/// Whether the server is ready for one kind of client, decided from the cases tagged with it: not
/// ready when any of them fails at must (whether or not the run counts it, and whatever the
/// baseline accepts: the client breaks either way) or finds its endpoint unsupported; ready when
/// none does and some of them passed; untested when none of them could be judged.
public struct ClientReadiness: Sendable, Hashable {
    /// How ready the server is for the client.
    public enum Status: String, Sendable, Hashable, Codable {
        case ready
        case notReady = "not-ready"
        case untested
    }

    public var client: ClientProfile
    public var status: Status
    /// The tagged cases that break the client, in report order.
    public var breaking: [String]
    /// How many tagged cases passed (a should-level failure breaks no client and counts here).
    public var passed: Int
    /// How many tagged cases could not be judged: skipped, or stopped by an error.
    public var unjudged: Int
    public var total: Int

    /// One entry per client any case is tagged with, in ``ClientProfile`` order.
    public static func table(_ cases: [CaseReport]) -> [ClientReadiness] {
        ClientProfile.allCases.compactMap { client in
            let tagged = cases.filter { $0.clients.contains(client) }
            guard !tagged.isEmpty else { return nil }
            let breaking = tagged.filter(\.breaksClients)
            let passed = tagged.filter { $0.verdict == .pass || ($0.verdict == .fail && !$0.breaksClients) }.count
            let unjudged = tagged.filter { $0.verdict == .skip || $0.verdict == .error }.count
            let status: Status = !breaking.isEmpty ? .notReady : passed > 0 ? .ready : .untested
            return ClientReadiness(
                client: client, status: status, breaking: breaking.map(\.id), passed: passed, unjudged: unjudged, total: tagged.count)
        }
    }

    /// One line saying it: "ready (31 of 33 cases; 2 not judged)", "not ready: 3 cases break it".
    public var verdictText: String {
        let notJudged = unjudged > 0 ? "; \(unjudged) not judged" : ""
        switch status {
        case .ready: return "ready (\(passed) of \(total) cases\(notJudged))"
        case .untested: return "untested (none of \(total) cases could be judged)"
        case .notReady: return "not ready: \(breaking.count) case\(breaking.count == 1 ? "" : "s") break\(breaking.count == 1 ? "s" : "") it"
        }
    }
}

extension CaseReport {
    /// Whether the case's result breaks the clients it is tagged with: a must-level failure, or
    /// an endpoint the server does not have.
    var breaksClients: Bool {
        verdict == .unsupported || (verdict == .fail && failureLevel == .must)
    }
}

extension ClientReadiness: Encodable {
    enum CodingKeys: String, CodingKey { case client, title, status, breaking, passed, unjudged, total }

    public func encode(to encoder: any Encoder) throws {
        var members = encoder.container(keyedBy: CodingKeys.self)
        try members.encode(client, forKey: .client)
        try members.encode(client.title, forKey: .title)
        try members.encode(status, forKey: .status)
        try members.encode(breaking, forKey: .breaking)
        try members.encode(passed, forKey: .passed)
        try members.encode(unjudged, forKey: .unjudged)
        try members.encode(total, forKey: .total)
    }
}

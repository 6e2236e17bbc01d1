/// Something told about every exchange once its answer has been written: the journal, the request
/// log, the metrics.
protocol ExchangeObserver: Sendable {
    /// Whether it needs the request's headers, body and arrival time, which cost a copy and a
    /// parse per request; the metrics need only the route, model, status and timings.
    var wantsRequestDetails: Bool { get }

    func observe(_ exchange: ExchangeRecord)
}

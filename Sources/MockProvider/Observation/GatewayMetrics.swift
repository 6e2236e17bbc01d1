import Prometheus
import Synchronization

/// Prometheus metrics of the exchanges, served at `/metrics`: requests by route, model and status
/// class (`conform_requests_total`), and per route and model the latency of whole answers
/// (`conform_request_duration_seconds`) and the time to the first byte of streamed ones
/// (`conform_time_to_first_token_seconds`).
final class GatewayMetrics: ExchangeObserver, Sendable {
    let registry = PrometheusCollectorRegistry()
    private let series = Mutex(Series())

    /// The labels of one series: a route and a model, and for the request counter a status class.
    private struct Labels: Hashable {
        var route: String
        var model: String
        var statusClass = ""
    }

    /// The series made so far, made on first use.
    private struct Series {
        var counters: [Labels: Counter] = [:]
        var durations: [Labels: DurationHistogram] = [:]
        var firstTokens: [Labels: DurationHistogram] = [:]
    }

    static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30),
    ]

    var wantsRequestDetails: Bool { false }

    func observe(_ exchange: ExchangeRecord) {
        let labels = Labels(route: Self.route(exchange.path), model: exchange.notedModel ?? "")
        let firstToken = exchange.stream ? exchange.firstByte : nil
        var counted = labels
        counted.statusClass = "\(exchange.status / 100)xx"
        let (counter, duration, firstTokenHistogram) = series.withLock { series -> (Counter, DurationHistogram, DurationHistogram?) in
            (
                self.counter(counted, in: &series), self.histogram(.duration, labels, in: &series),
                firstToken == nil ? nil : self.histogram(.firstToken, labels, in: &series)
            )
        }
        counter.increment()
        duration.record(exchange.duration)
        if let firstToken { firstTokenHistogram?.record(firstToken) }
    }

    /// The exposition text for `/metrics`.
    func exposition() -> [UInt8] { registry.emitToBuffer() }

    /// The route a path belongs to: a contract path as is, the generic proxy as one route per form.
    static func route(_ path: Substring) -> String {
        if path.hasPrefix("/model/proxy/") {
            let first = path.dropFirst("/model/proxy/".count).prefix { $0 != "/" }
            return first.allSatisfy(\.isNumber) && !first.isEmpty ? "/model/proxy/{route_id}" : "/model/proxy"
        }
        if path.hasPrefix("/v1/images/content/") { return "/v1/images/content" }
        if path.hasPrefix("/v1/models/") { return "/v1/models/{id}" }
        return String(path)
    }

    private func counter(_ labels: Labels, in series: inout Series) -> Counter {
        if let found = series.counters[labels] { return found }
        let made = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "conform", metricName: "requests", unitName: "total", helpText: "Requests by route, model and status class."),
            labels: [("route", labels.route), ("model", labels.model), ("status", labels.statusClass)])
        series.counters[labels] = made
        return made
    }

    private enum Histogram { case duration, firstToken }

    private func histogram(_ kind: Histogram, _ labels: Labels, in series: inout Series) -> DurationHistogram {
        if let found = kind == .duration ? series.durations[labels] : series.firstTokens[labels] { return found }
        let (name, help) =
            kind == .duration
            ? ("request_duration", "Time from the request to the end of its answer.")
            : ("time_to_first_token", "Time from a streamed request to the first byte of its answer.")
        let made = registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(namespace: "conform", metricName: name, unitName: "seconds", helpText: help),
            labels: [("route", labels.route), ("model", labels.model)], buckets: Self.buckets)
        if kind == .duration { series.durations[labels] = made } else { series.firstTokens[labels] = made }
        return made
    }
}

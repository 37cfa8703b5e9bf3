import CoreMetrics
import Prometheus
import RathausDialog
import Synchronization

/// The server's counters, the deliveries gauge and the request latency histogram, kept in a
/// swift-prometheus registry of their own and written out by it at `/metrics`. Nothing in them says
/// who asked what.
///
/// Every instance has its own registry, so tests may run several servers side by side; the global
/// `MetricsSystem` is never bootstrapped here (an executable may do so with ``metricsFactory``).
public final class ServerMetrics: Sendable {
    /// Upper bounds of the latency histogram's buckets, in seconds.
    static let latencyBounds: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]
    /// The delivery states the gauge always shows, zero when the store has none.
    static let deliveryStates = ["pending", "retrying", "delivered", "dead", "disabled"]

    /// The registry every metric of this instance lives in.
    public let registry: PrometheusCollectorRegistry

    private let turns: [String: Prometheus.Counter]
    private let forms: [String: Prometheus.Counter]
    private let reloads: [String: Prometheus.Counter]
    private let deliveries: [String: Prometheus.Gauge]
    private let rateLimited: Prometheus.Counter
    private let latency: ValueHistogram
    /// The response counters by status, made on a status's first response.
    private let responses = Mutex<[Int: Prometheus.Counter]>([:])

    /// Empty counters, every known label value present with zero.
    public init() {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        func counters(_ name: String, _ label: String, _ values: [String], help: String) -> [String: Prometheus.Counter] {
            let descriptor = Self.descriptor(name, help: help)
            return Dictionary(uniqueKeysWithValues: values.map { ($0, registry.makeCounter(descriptor: descriptor, labels: [(label, $0)])) })
        }
        turns = counters(
            "rathaus_turns_total", "kind", ["matched", "unmatched", "form"],
            help: "Messages answered, by kind: matched or unmatched outside a form, form inside one.")
        forms = counters(
            "rathaus_forms_total", "event", ["started", "completed", "abandoned"],
            help: "Application forms started, completed (submitted) and abandoned.")
        reloads = counters(
            "rathaus_catalog_reloads_total", "result", ["ok", "refused"],
            help: "Catalogue reloads, accepted (ok) or refused because of errors.")
        let deliveriesDescriptor = Self.descriptor("rathaus_deliveries", help: "Confirmed applications by delivery state.")
        deliveries = Dictionary(
            uniqueKeysWithValues: Self.deliveryStates.map {
                ($0, registry.makeGauge(descriptor: deliveriesDescriptor, labels: [("state", $0)]))
            })
        rateLimited = registry.makeCounter(
            descriptor: Self.descriptor("rathaus_rate_limited_total", help: "Requests refused with 429 by the per-client rate limit."))
        latency = registry.makeValueHistogram(
            descriptor: Self.descriptor("rathaus_http_request_duration_seconds", help: "Time from request to response."),
            buckets: Self.latencyBounds)
    }

    /// A swift-metrics factory writing into this instance's registry, for an executable that wants
    /// libraries reporting through swift-metrics to appear at the same `/metrics`
    /// (`MetricsSystem.bootstrap(metrics.metricsFactory)`, once per process).
    public var metricsFactory: any MetricsFactory {
        PrometheusMetricsFactory(registry: registry)
    }

    /// Counts one answered message: matched or unmatched when no form was open, else a form turn,
    /// and the form started, completed or abandoned by it.
    public func record(turn: ChatSession.Turn, formWasOpen: Bool) {
        let kind = formWasOpen ? "form" : (turn.intent == nil ? "unmatched" : "matched")
        turns[kind]?.increment()
        let formIsOpen = turn.state == .form || turn.state == .confirm
        if turn.reference != nil {
            forms["completed"]?.increment()
        } else if !formWasOpen && formIsOpen {
            forms["started"]?.increment()
        } else if formWasOpen && turn.state == .idle {
            forms["abandoned"]?.increment()
        }
    }

    /// Counts a catalogue reload, accepted or refused.
    public func record(reload accepted: Bool) {
        reloads[accepted ? "ok" : "refused"]?.increment()
    }

    /// Counts a request refused by the rate limit.
    public func recordRateLimited() {
        rateLimited.increment()
    }

    /// Counts a response with its status and how long it took.
    public func record(status: Int, seconds: Double) {
        let counter = responses.withLock { counters in
            if let known = counters[status] { return known }
            let made = registry.makeCounter(descriptor: Self.responsesDescriptor, labels: [("code", String(status))])
            counters[status] = made
            return made
        }
        counter.increment()
        latency.record(seconds)
    }

    /// The Prometheus text exposition, with the deliveries gauge set from `deliveries` (counts by
    /// state, read from the store at scrape time; a state missing from it shows 0).
    public func exposition(deliveries counts: [String: Int]) -> String {
        for (state, gauge) in deliveries { gauge.set(to: Double(counts[state] ?? 0)) }
        return registry.emitToString()
    }

    private static var responsesDescriptor: MetricNameDescriptor {
        descriptor("rathaus_http_responses_total", help: "HTTP responses by status code.")
    }

    /// The descriptor of the metric named exactly `name`. swift-prometheus joins its name parts
    /// with `_` and adds nothing, so the whole name goes in `metricName` and the unit stays empty.
    private static func descriptor(_ name: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }
}

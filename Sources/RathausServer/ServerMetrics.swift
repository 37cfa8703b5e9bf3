import Foundation
import RathausCore
import Synchronization

/// The server's counters and its request latency histogram, written out in the Prometheus text
/// format at `/metrics`. Nothing in them says who asked what.
public final class ServerMetrics: Sendable {
    /// Upper bounds of the latency histogram's buckets, in seconds.
    static let latencyBounds: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]

    private struct Counts {
        var turns: [String: Int] = ["matched": 0, "unmatched": 0, "form": 0]
        var forms: [String: Int] = ["started": 0, "completed": 0, "abandoned": 0]
        var reloads: [String: Int] = ["ok": 0, "refused": 0]
        var rateLimited = 0
        var responses: [Int: Int] = [:]
        var buckets = [Int](repeating: 0, count: ServerMetrics.latencyBounds.count)
        var latencyCount = 0
        var latencySum = 0.0
    }

    private let counts = Mutex(Counts())

    /// Empty counters.
    public init() {}

    /// Counts one answered message: matched or unmatched when no form was open, else a form turn,
    /// and the form started, completed or abandoned by it.
    public func record(turn: ChatSession.Turn, formWasOpen: Bool) {
        counts.withLock { counts in
            let kind = formWasOpen ? "form" : (turn.intent == nil ? "unmatched" : "matched")
            counts.turns[kind, default: 0] += 1
            let formIsOpen = turn.state == .form || turn.state == .confirm
            if turn.reference != nil {
                counts.forms["completed", default: 0] += 1
            } else if !formWasOpen && formIsOpen {
                counts.forms["started", default: 0] += 1
            } else if formWasOpen && turn.state == .idle {
                counts.forms["abandoned", default: 0] += 1
            }
        }
    }

    /// Counts a catalogue reload, accepted or refused.
    public func record(reload accepted: Bool) {
        counts.withLock { $0.reloads[accepted ? "ok" : "refused", default: 0] += 1 }
    }

    /// Counts a request refused by the rate limit.
    public func recordRateLimited() {
        counts.withLock { $0.rateLimited += 1 }
    }

    /// Counts a response with its status and how long it took.
    public func record(status: Int, seconds: Double) {
        counts.withLock { counts in
            counts.responses[status, default: 0] += 1
            counts.latencyCount += 1
            counts.latencySum += seconds
            if let bucket = Self.latencyBounds.firstIndex(where: { seconds <= $0 }) { counts.buckets[bucket] += 1 }
        }
    }

    /// The Prometheus text exposition, with the deliveries by state read from the store.
    public func exposition(deliveries: [String: Int]) -> String {
        let counts = self.counts.withLock { $0 }
        var text = ""
        func family(_ name: String, _ type: String, _ help: String, _ samples: [(String, Int)]) {
            text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for (labels, value) in samples { text += "\(name)\(labels) \(value)\n" }
        }
        func labelled(_ label: String, _ values: [String: Int]) -> [(String, Int)] {
            values.sorted { $0.key < $1.key }.map { ("{\(label)=\"\($0.key)\"}", $0.value) }
        }
        family("rathaus_turns_total", "counter", "Messages answered, by kind: matched or unmatched outside a form, form inside one.",
               labelled("kind", counts.turns))
        family("rathaus_forms_total", "counter", "Application forms started, completed (submitted) and abandoned.", labelled("event", counts.forms))
        let states = ["pending", "retrying", "delivered", "dead", "disabled"]
        family("rathaus_deliveries", "gauge", "Confirmed applications by delivery state.",
               labelled("state", Dictionary(uniqueKeysWithValues: states.map { ($0, deliveries[$0] ?? 0) })))
        family("rathaus_catalog_reloads_total", "counter", "Catalogue reloads, accepted (ok) or refused because of errors.",
               labelled("result", counts.reloads))
        family("rathaus_rate_limited_total", "counter", "Requests refused with 429 by the per-client rate limit.", [("", counts.rateLimited)])
        family("rathaus_http_responses_total", "counter", "HTTP responses by status code.",
               counts.responses.sorted { $0.key < $1.key }.map { ("{code=\"\($0.key)\"}", $0.value) })
        text += "# HELP rathaus_http_request_duration_seconds Time from request to response.\n"
        text += "# TYPE rathaus_http_request_duration_seconds histogram\n"
        var cumulative = 0
        for (bound, count) in zip(Self.latencyBounds, counts.buckets) {
            cumulative += count
            text += "rathaus_http_request_duration_seconds_bucket{le=\"\(bound)\"} \(cumulative)\n"
        }
        text += "rathaus_http_request_duration_seconds_bucket{le=\"+Inf\"} \(counts.latencyCount)\n"
        text += "rathaus_http_request_duration_seconds_sum \(counts.latencySum)\n"
        text += "rathaus_http_request_duration_seconds_count \(counts.latencyCount)\n"
        return text
    }
}

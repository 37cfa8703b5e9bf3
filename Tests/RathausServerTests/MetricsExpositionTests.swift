import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import RathausServer

@Suite("/metrics as swift-prometheus writes it")
struct MetricsExpositionTests {
    typealias API = ChatAPITests

    /// Every `rathaus_…` name the README writes in backticks.
    static func metricNamesInREADME() throws -> Set<String> {
        let readme = try String(contentsOf: API.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        return Set(readme.matches(of: /`(rathaus_[a-z0-9_]+)`/).map { String($0.output.1) })
    }

    /// The names of the metric families in `exposition`, from its `# TYPE` lines, with their types.
    static func families(_ exposition: String) -> [String: String] {
        var families: [String: String] = [:]
        for line in exposition.split(separator: "\n") where line.hasPrefix("# TYPE ") {
            let parts = line.split(separator: " ")
            if parts.count == 4 { families[String(parts[2])] = String(parts[3]) }
        }
        return families
    }

    /// Whether `exposition` has a sample of the metric `name` (a histogram's `_bucket`, `_sum` and
    /// `_count` samples count for it).
    static func hasSample(_ exposition: String, _ name: String) -> Bool {
        exposition.split(separator: "\n").contains { line in
            !line.hasPrefix("#")
                && ["", "_bucket", "_sum", "_count"].contains { suffix in
                    line.hasPrefix(name + suffix + "{") || line.hasPrefix(name + suffix + " ")
                }
        }
    }

    /// `/metrics` after a conversation with a matched turn that starts a form, three form turns that
    /// abandon it, an unmatched turn, a health check and an unknown path.
    static func metricsAfterTraffic() async throws -> String {
        try await API.application().test(.router) { client in
            let created = try API.object(try await API.call(client, "/api/v1/conversations", .post))
            let id = try #require(created["id"] as? String), token = try #require(created["token"] as? String)
            for message in ["ich will sperrmüll anmelden", "wie wird das wetter morgen", "abbrechen", "ja", "wie wird das wetter morgen"] {
                let response = try await API.call(
                    client, "/api/v1/conversations/\(id)/messages", .post, headers: API.bearer(token),
                    body: API.body(["text": message]))
                #expect(response.status == .ok)
            }
            #expect(try await API.call(client, "/health", .get).status == .ok)
            #expect(try await API.call(client, "/gibt-es-nicht", .get).status == .notFound)
            let response = try await API.call(client, "/metrics", .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            return String(buffer: response.body)
        }
    }

    @Test("every metric the README names is in a real /metrics response, and every rathaus_ family there is named")
    func readmeMetricsAreServed() async throws {
        let named = try Self.metricNamesInREADME()
        #expect(named.count >= 7, "the README names the server's metrics in backticks: \(named.sorted())")
        let text = try await Self.metricsAfterTraffic()
        let families = Self.families(text)
        for name in named.sorted() {
            #expect(families[name] != nil || Self.hasSample(text, name), "\(name) is named in the README but missing from /metrics:\n\(text)")
        }
        for name in families.keys.sorted() where name.hasPrefix("rathaus_") {
            #expect(named.contains(name), "\(name) is served at /metrics but the README does not name it")
        }
    }

    @Test("the families keep today's names, types and labels")
    func namesTypesAndLabels() async throws {
        let text = try await Self.metricsAfterTraffic()
        let lines = Set(text.split(separator: "\n").map(String.init))
        #expect(
            Self.families(text) == [
                "rathaus_turns_total": "counter",
                "rathaus_forms_total": "counter",
                "rathaus_deliveries": "gauge",
                "rathaus_catalog_reloads_total": "counter",
                "rathaus_rate_limited_total": "counter",
                "rathaus_http_responses_total": "counter",
                "rathaus_http_request_duration_seconds": "histogram",
            ])
        for line in [
            #"rathaus_turns_total{kind="matched"} 1"#,
            #"rathaus_turns_total{kind="unmatched"} 1"#,
            #"rathaus_turns_total{kind="form"} 3"#,
            #"rathaus_forms_total{event="started"} 1"#,
            #"rathaus_forms_total{event="abandoned"} 1"#,
            #"rathaus_forms_total{event="completed"} 0"#,
            #"rathaus_catalog_reloads_total{result="ok"} 0"#,
            #"rathaus_catalog_reloads_total{result="refused"} 0"#,
            #"rathaus_deliveries{state="pending"} 0.0"#,
            #"rathaus_deliveries{state="dead"} 0.0"#,
            #"rathaus_rate_limited_total 0"#,
            #"rathaus_http_responses_total{code="201"} 1"#,
            #"rathaus_http_responses_total{code="200"} 6"#,
            #"rathaus_http_responses_total{code="404"} 1"#,
            #"rathaus_http_request_duration_seconds_bucket{le="+Inf"} 8"#,
            "rathaus_http_request_duration_seconds_count 8",
        ] {
            #expect(lines.contains(line), "missing \(line) in:\n\(text)")
        }
        let bounds = text.split(separator: "\n").filter { $0.hasPrefix("rathaus_http_request_duration_seconds_bucket{le=") }
            .compactMap { $0.split(separator: "\"").dropFirst().first.map(String.init) }
        #expect(bounds == ServerMetrics.latencyBounds.map { "\($0)" } + ["+Inf"])
        #expect(text.contains("# HELP rathaus_turns_total "), "the families keep their help lines")
        #expect(!text.contains("sperrmüll"), "no citizen text in metrics")
    }

    @Test("two servers count apart: each ServerMetrics has its own registry")
    func registriesApart() {
        let first = ServerMetrics(), second = ServerMetrics()
        first.recordRateLimited()
        first.record(reload: false)
        first.record(status: 200, seconds: 0.0003)
        #expect(first.exposition(deliveries: [:]).contains("rathaus_rate_limited_total 1\n"))
        #expect(first.exposition(deliveries: [:]).contains(#"rathaus_catalog_reloads_total{result="refused"} 1"#))
        #expect(first.exposition(deliveries: [:]).contains(#"rathaus_http_request_duration_seconds_bucket{le="0.0005"} 1"#))
        #expect(first.exposition(deliveries: [:]).contains(#"rathaus_http_request_duration_seconds_bucket{le="0.00025"} 0"#))
        #expect(second.exposition(deliveries: [:]).contains("rathaus_rate_limited_total 0\n"))
        #expect(!second.exposition(deliveries: [:]).contains("rathaus_http_responses_total{"))
        #expect(second.exposition(deliveries: ["dead": 2]).contains(#"rathaus_deliveries{state="dead"} 2.0"#))
    }
}

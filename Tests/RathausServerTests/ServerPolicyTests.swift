import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import NIOCore
import RathausCatalog
import RathausStore
import Testing

@testable import RathausServer

@Suite("Server policies: CORS, rate limit, errors, metrics, pages, OpenAPI")
struct ServerPolicyTests {
    typealias API = ChatAPITests

    @Test("the OpenAPI document lists exactly the router's API routes, and is served as OpenAPI 3.1")
    func openAPIMatchesRouter() async throws {
        let api = ChatAPI(catalog: API.catalog, matcher: API.matcher, store: try ConversationStore(path: API.temporaryDatabase()))
        let routes = Set(
            api.router().routes.filter { $0.method != .head }.map { route in
                "\(route.method.rawValue) "
                    + route.path.description.split(separator: "/")
                    .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.reduce("") { $0 + "/" + $1 }
            })
        #expect(routes == OpenAPIContract.operations, "router: \(routes.sorted()), document: \(OpenAPIContract.operations.sorted())")
        try await API.application().test(.router) { client in
            let response = try await API.call(client, "/api/v1/openapi.json", .get)
            #expect(response.status == .ok)
            let document = try API.object(response)
            #expect(document["openapi"] as? String == "3.1.0")
        }
    }

    @Test("the demo page and the widget are served with the security headers; other paths get a JSON 404")
    func pages() async throws {
        try await API.application().test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(String(buffer: response.body).contains("widget.js"))
                #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            }
            try await client.execute(uri: "/widget.js", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/javascript") == true)
            }
            try await client.execute(uri: "/../Package.swift", method: .get) { #expect($0.status == .notFound) }
            let missing = try await API.call(client, "/gibt-es-nicht", .get)
            #expect(missing.status == .notFound)
            #expect(try API.errorCode(missing) == "not_found")
        }
    }

    @Test("CORS: a listed origin gets the preflight and the header, any other origin 403, a request without Origin passes")
    func cors() async throws {
        var configuration = ServerConfiguration()
        configuration.corsOrigins = ["https://www.musterstadt.de"]
        try await API.application(configuration: configuration).test(.router) { client in
            try await client.execute(
                uri: "/api/v1/conversations", method: .options,
                headers: [.origin: "https://www.musterstadt.de", .accessControlRequestMethod: "POST"]
            ) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[.accessControlAllowOrigin] == "https://www.musterstadt.de")
                #expect(response.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)
            }
            let allowed = try await API.call(client, "/api/v1/conversations", .post, headers: [.origin: "https://www.musterstadt.de"])
            #expect(allowed.status == .created)
            #expect(allowed.headers[.accessControlAllowOrigin] == "https://www.musterstadt.de")
            let foreign = try await API.call(client, "/api/v1/conversations", .post, headers: [.origin: "https://evil.example"])
            #expect(foreign.status == .forbidden)
            #expect(foreign.headers[.accessControlAllowOrigin] == nil)
            #expect(foreign.headers[.contentSecurityPolicy] != nil, "refusals carry the security headers too")
            #expect(try API.errorCode(foreign) == "origin_not_allowed")
            let sameOrigin = try await API.call(
                client, "/api/v1/conversations", .post,
                headers: [.origin: "http://localhost"])
            #expect(sameOrigin.status == .created, "the server's own pages (the test client's host is localhost) may call the API")
            #expect(try await API.call(client, "/api/v1/conversations", .post).status == .created)
        }
    }

    @Test("rate limit: over the burst 429 with Retry-After; health is not limited")
    func rateLimit() async throws {
        var configuration = ServerConfiguration()
        configuration.requestsPerSecond = 0.001  // one token per 1,000 s: no refill however slow the machine
        configuration.burst = 2
        let metrics = ServerMetrics()
        try await API.application(configuration: configuration, metrics: metrics).test(.router) { client in
            #expect(try await API.call(client, "/api/v1/conversations", .post).status == .created)
            #expect(try await API.call(client, "/api/v1/conversations", .post).status == .created)
            let limited = try await API.call(client, "/api/v1/conversations", .post)
            #expect(limited.status == .tooManyRequests)
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(try API.errorCode(limited) == "rate_limited")
            let rasa = try await API.call(client, "/webhooks/rest/webhook", .post, body: API.body(["sender": "s", "message": "hallo"]))
            #expect(rasa.status == .tooManyRequests)
            // The message route, answered outside the router, takes from the same bucket.
            let message = try await API.call(client, "/api/v1/conversations/x/messages", .post, body: API.body(["text": "hallo"]))
            #expect(message.status == .tooManyRequests)
            for _ in 0..<5 { #expect(try await API.call(client, "/health", .get).status == .ok) }
        }
        #expect(metrics.exposition(deliveries: [:]).contains("rathaus_rate_limited_total 3"))
    }

    @Test("token buckets: a burst, then one request per 1/rate seconds")
    func tokenBuckets() {
        let buckets = TokenBuckets(rate: 2, burst: 2)
        #expect(buckets.take("a", now: 10) == nil)
        #expect(buckets.take("a", now: 10) == nil)
        #expect(buckets.take("a", now: 10) == 0.5)
        #expect(buckets.take("b", now: 10) == nil, "each client has its own bucket")
        #expect(buckets.take("a", now: 10.5) == nil)
        #expect(buckets.take("a", now: 10.5) != nil)
    }

    @Test("ready answers 503 while the database cannot be written, and 200 again afterwards")
    func readyUnavailable() async throws {
        let path = API.temporaryDatabase()
        let store = try ConversationStore(path: path)
        var unsafe = Configuration()
        unsafe.allowsUnsafeTransactions = true
        let locker = try DatabaseQueue(path: path, configuration: unsafe)
        try await API.application(store: store).test(.router) { client in
            #expect(try await API.call(client, "/ready", .get).status == .ok)
            try locker.inDatabase { try $0.execute(sql: "BEGIN EXCLUSIVE") }
            let response = try await API.call(client, "/ready", .get)
            #expect(response.status == .serviceUnavailable)
            #expect(try API.errorCode(response) == "unavailable")
            try locker.inDatabase { try $0.execute(sql: "ROLLBACK") }
            #expect(try await API.call(client, "/ready", .get).status == .ok)
        }
    }

    @Test("metrics count turns matched and unmatched, forms started and abandoned, in Prometheus text")
    func metrics() async throws {
        try await API.application().test(.router) { client in
            let created = try API.object(try await API.call(client, "/api/v1/conversations", .post))
            let id = try #require(created["id"] as? String), token = try #require(created["token"] as? String)
            for text in ["ich will sperrmüll anmelden", "wie wird das wetter morgen", "abbrechen", "ja"] {
                let response = try await API.call(
                    client, "/api/v1/conversations/\(id)/messages", .post, headers: API.bearer(token),
                    body: API.body(["text": text]))
                #expect(response.status == .ok)
            }
            let response = try await API.call(client, "/metrics", .get)
            let text = String(buffer: response.body)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(text.contains("# TYPE rathaus_turns_total counter"))
            #expect(text.contains("rathaus_forms_total{event=\"started\"} 1"), "\(text)")
            #expect(text.contains("rathaus_forms_total{event=\"abandoned\"} 1"), "\(text)")
            #expect(text.contains("rathaus_turns_total{kind=\"matched\"} 1"), "\(text)")
            #expect(text.contains("rathaus_turns_total{kind=\"form\"} 3"), "\(text)")
            #expect(text.contains("rathaus_deliveries{state=\"pending\"} 0.0\n"))
            #expect(text.contains("rathaus_http_request_duration_seconds_count "))
            #expect(!text.contains("sperrmüll"), "no citizen text in metrics")
        }
    }

    @Test("a completed form and an unmatched turn are counted")
    func metricsCompleted() {
        let metrics = ServerMetrics()
        metrics.record(turn: .init(conversation: "c", replies: [], intent: nil), formWasOpen: false)
        metrics.record(turn: .init(conversation: "c", replies: [], intent: nil, state: .submitted, reference: "MS-2026-000001"), formWasOpen: true)
        let text = metrics.exposition(deliveries: ["pending": 1])
        #expect(text.contains("rathaus_turns_total{kind=\"unmatched\"} 1"))
        #expect(text.contains("rathaus_forms_total{event=\"completed\"} 1"))
        #expect(text.contains("rathaus_deliveries{state=\"pending\"} 1.0\n"))
    }
}

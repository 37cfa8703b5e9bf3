import Foundation
import Hummingbird
import HummingbirdTesting
import RathausDialog
import RathausStore
import Testing

@testable import RathausServer

@Suite("405 Method Not Allowed for a known path and a method it does not answer")
struct MethodNotAllowedTests {
    typealias API = ChatAPITests

    /// The application with the API's router and ``MethodNotAllowedMiddleware`` added after its
    /// routes (a second one is harmless where `ChatAPI.router()` adds it itself).
    static func application(metrics: ServerMetrics = .init()) throws -> some ApplicationProtocol {
        let api = ChatAPI(
            live: LiveCatalog(engine: ChatEngine(catalog: API.catalog, matcher: API.matcher)),
            store: try ConversationStore(path: API.temporaryDatabase()), metrics: metrics,
            web: StaticFiles(directory: API.repositoryRoot.appendingPathComponent("Web")))
        let router = api.router()
        router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes, options: .autoGenerateHeadEndpoints))
        return Application(router: router)
    }

    @Test("a known path with another method: 405, the allowed methods in Allow, a JSON error")
    func methodNotAllowed() async throws {
        let metrics = ServerMetrics()
        try await Self.application(metrics: metrics).test(.router) { client in
            for (method, uri, allow) in [
                (HTTPRequest.Method.put, "/api/v1/conversations/x/messages", "POST"),
                (.delete, "/health", "GET, HEAD"),
                (.post, "/metrics", "GET, HEAD"),
                (.get, "/api/v1/conversations", "POST"),
                (.patch, "/api/v1/conversations/x", "DELETE, GET, HEAD"),
                (.delete, "/health/", "GET, HEAD"),
            ] {
                let response = try await client.execute(uri: uri, method: method) { $0 }
                #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                #expect(response.headers[.allow] == allow, "\(method) \(uri)")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                #expect(try API.errorCode(response) == "method_not_allowed")
                #expect(response.headers[.contentSecurityPolicy] != nil, "405s carry the security headers too")
            }
            let custom = try #require(HTTPRequest.Method("FROBNICATE"))
            let response = try await client.execute(uri: "/ready", method: custom) { $0 }
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "GET, HEAD")
        }
        #expect(metrics.exposition(deliveries: [:]).contains(#"rathaus_http_responses_total{code="405"} 7"#))
    }

    @Test("unknown paths keep their 404, allowed methods are answered as before")
    func othersUnchanged() async throws {
        try await Self.application().test(.router) { client in
            for (method, uri) in [(HTTPRequest.Method.delete, "/gibt-es-nicht"), (.get, "/gibt-es-nicht"), (.put, "/api/v1/conversations/x/y")] {
                let response = try await client.execute(uri: uri, method: method) { $0 }
                #expect(response.status == .notFound, "\(method) \(uri)")
                #expect(response.headers[.allow] == nil)
                #expect(try API.errorCode(response) == "not_found")
            }
            #expect(try await client.execute(uri: "/health", method: .head) { $0 }.status == .ok)
            #expect(try await client.execute(uri: "/health", method: .get) { $0 }.status == .ok)
            let missing = try await client.execute(
                uri: "/api/v1/conversations/x/messages", method: .post,
                headers: [.contentType: "application/json"],
                body: API.body(["text": "hallo"])
            ) { $0 }
            #expect(missing.status == .notFound, "a conversation that does not exist is still 404 on its allowed method")
        }
    }

    @Test("the table: parameters match one segment, HEAD follows GET only with the router option")
    func table() {
        let router = Router(context: RathausRequestContext.self)
        router.get("health") { _, _ in "" }
        router.post("api/v1/conversations/:id/messages") { _, _ in "" }
        router.delete("api/v1/conversations/:id") { _, _ in "" }
        let plain = MethodNotAllowedMiddleware(routes: router.routes)
        #expect(plain.allowedMethods(forPath: "/health") == [.get])
        #expect(plain.allowedMethods(forPath: "/api/v1/conversations/abc/messages") == [.post])
        #expect(plain.allowedMethods(forPath: "/api/v1/conversations/abc") == [.delete])
        #expect(plain.allowedMethods(forPath: "/api/v1/conversations") == [])
        #expect(plain.allowedMethods(forPath: "/api/v1/conversations/abc/messages/more") == [])
        let withHead = MethodNotAllowedMiddleware(routes: router.routes, options: .autoGenerateHeadEndpoints)
        #expect(withHead.allowedMethods(forPath: "/health") == [.get, .head])
    }
}

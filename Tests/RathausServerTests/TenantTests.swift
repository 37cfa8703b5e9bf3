import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import RathausCatalog
import RathausTestSupport
import Testing

@testable import RathausServer

/// Several towns in one server (`serve --tenants`): chosen by path or host, each with its own
/// catalogue, settings, rate limit and data.
@Suite("Tenants")
struct TenantTests {
    typealias API = ChatAPITests

    /// Two towns over one base in a fresh tenants folder: Beispielstadt with a host name, a tight
    /// rate limit, a CORS origin and its own Bürgerservice; Nebenstadt with the defaults.
    struct Land {
        let base: CatalogFixture
        let folder: URL
        let beispielstadt: TownFixture
        let nebenstadt: TownFixture

        init() throws {
            base = try CatalogFixture()
            folder = TestFolder.run.appendingPathComponent("rathaus-tenants-\(UUID().uuidString)")
            beispielstadt = try TownFixture(
                name: "Beispielstadt", key: "05999001", over: base.directory,
                files: [
                    "rathaus.yaml": """
                    server:
                      hosts: [chat.beispielstadt.example]
                      cors_origins: [https://www.beispielstadt.example]
                      rate_limit: {per_second: 0.01, burst: 3}
                    """,
                    "Knowledge/stellen/hauptamt.yaml": TownFixture.department(
                        "hauptamt", name: "Bürgerbüro", city: "Beispielstadt", phone: "0 59 99 / 12-0"),
                ], in: folder)
            nebenstadt = try TownFixture(name: "Nebenstadt", key: "05999002", over: base.directory, in: folder)
        }

        func remove() {
            base.remove()
            try? FileManager.default.removeItem(at: folder)
        }

        func towns() throws -> [ServedTown] {
            try TenantDirectory.load(folder).map {
                try ServedTown(
                    $0, web: StaticFiles(directory: API.repositoryRoot.appendingPathComponent("Web")), retentionDays: 30,
                    logger: Logger(label: "test"))
            }
        }
    }

    static func application(_ towns: [ServedTown]) -> some ApplicationProtocol {
        Application(responder: ServedTown.router(towns))
    }

    static func start(_ client: some TestClientProtocol, _ prefix: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await client.execute(uri: prefix + "/api/v1/conversations", method: .post, headers: headers) { $0 }
    }

    @Test("the path /t/{key}/ chooses the town (the host name: CommandTests/tenants); an unknown key is 404; /t/{key} is redirected")
    func choosing() async throws {
        let land = try Land()
        defer { land.remove() }
        let towns = try land.towns()
        #expect(towns.map(\.tenant.key) == ["05999001", "05999002"])
        try await Self.application(towns).test(.router) { client in
            let first = try API.object(try await Self.start(client, "/t/05999001"))
            #expect((first["replies"] as? [String])?.first?.contains("Beispielstadt") == true)
            let second = try API.object(try await Self.start(client, "/t/05999002"))
            #expect((second["replies"] as? [String])?.first?.contains("Nebenstadt") == true)
            let unknown = try await Self.start(client, "/t/99999999")
            #expect(unknown.status == .notFound)
            #expect(try API.errorCode(unknown) == "unknown_town")
            let bare = try await client.execute(uri: "/t/05999002", method: .get) { $0 }
            #expect(bare.status == .permanentRedirect)
            #expect(bare.headers[.location] == "/t/05999002/")
            let page = try await client.execute(uri: "/t/05999002/", method: .get) { $0 }
            #expect(String(buffer: page.body).contains("src=\"widget.js\""), "the page's links stay in the town")
            let health = try API.object(try await client.execute(uri: "/health", method: .get) { $0 })
            #expect(health["towns"] as? Int == 2)
        }
    }

    @Test("a conversation of one town is 404 in the other, with its own token; the data are the town's own")
    func isolation() async throws {
        let land = try Land()
        defer { land.remove() }
        let towns = try land.towns()
        let conversation = try await Self.application(towns).test(.router) { client -> String in
            let started = try API.object(try await Self.start(client, "/t/05999001"))
            let id = try #require(started["id"] as? String), token = try #require(started["token"] as? String)
            let message = API.body(["text": "was kostet ein reisepass"])
            let own = try await client.execute(
                uri: "/t/05999001/api/v1/conversations/\(id)/messages", method: .post, headers: API.bearer(token), body: message
            ) { $0 }
            #expect(own.status == .ok)
            for path in ["/t/05999002/api/v1/conversations/\(id)", "/t/05999002/api/v1/conversations/\(id)/messages"] {
                let method: HTTPRequest.Method = path.hasSuffix("messages") ? .post : .get
                let other = try await client.execute(uri: path, method: method, headers: API.bearer(token), body: message) { $0 }
                #expect(other.status == .notFound, "\(method) \(path)")
            }
            let transcript = try await client.execute(uri: "/t/05999001/api/v1/conversations/\(id)", method: .get, headers: API.bearer(token)) { $0 }
            #expect(transcript.status == .ok)
            return id
        }
        #expect(try towns[0].store.transcript(id: conversation).count >= 2, "stored in Beispielstadt's database")
        #expect(try towns[1].store.transcript(id: conversation).isEmpty, "not in Nebenstadt's")
    }

    @Test("rate limit and CORS origins are each town's own")
    func ownSettings() async throws {
        let land = try Land()
        defer { land.remove() }
        try await Self.application(try land.towns()).test(.router) { client in
            for _ in 0..<3 { #expect(try await Self.start(client, "/t/05999001").status == .created) }
            #expect(try await Self.start(client, "/t/05999001").status == .tooManyRequests, "Beispielstadt allows bursts of 3")
            #expect(try await Self.start(client, "/t/05999002").status == .created, "Nebenstadt has its own buckets")
            let origin: HTTPFields = [.origin: "https://www.beispielstadt.example"]
            let allowed = try await client.execute(uri: "/t/05999001/health", method: .get, headers: origin) { $0 }
            #expect(allowed.headers[.accessControlAllowOrigin] == "https://www.beispielstadt.example")
            let refused = try await Self.start(client, "/t/05999002", headers: origin)
            #expect(refused.status == .forbidden, "Nebenstadt does not list Beispielstadt's page")
        }
    }

    @Test("serve --config's server section is every town's default; a town's own keys win, its host names stay its own")
    func defaults() throws {
        let land = try Land()
        defer { land.remove() }
        var defaults = ServerConfiguration()
        defaults.trustsForwardedFor = true
        defaults.requestsPerSecond = 20
        defaults.hosts = ["chat.rechenzentrum.example"]
        let towns = try TenantDirectory.load(land.folder, defaults: defaults)
        let beispielstadt = try #require(towns.first { $0.key == "05999001" })
        let nebenstadt = try #require(towns.first { $0.key == "05999002" })
        #expect(beispielstadt.configuration.trustsForwardedFor && nebenstadt.configuration.trustsForwardedFor)
        #expect(beispielstadt.configuration.requestsPerSecond == 0.01, "its own rate_limit")
        #expect(nebenstadt.configuration.requestsPerSecond == 20)
        #expect(beispielstadt.hosts == ["chat.beispielstadt.example"] && nebenstadt.hosts.isEmpty)
    }

    @Test("a town reloads alone; the other keeps its catalogue")
    func reloadPerTown() throws {
        let land = try Land()
        defer { land.remove() }
        let towns = try land.towns()
        let before = towns.map { $0.tenant.live.fingerprint() }
        let file = land.beispielstadt.directory.appendingPathComponent("Knowledge/stellen/hauptamt.yaml")
        try Data(TownFixture.department("hauptamt", name: "Bürgerbüro", city: "Beispielstadt", phone: "0 59 99 / 99-9").utf8).write(to: file)
        let after = towns.map { $0.tenant.live.fingerprint() }
        #expect(before[0] != after[0] && before[1] == after[1], "only Beispielstadt's files changed")
        try towns[0].tenant.live.reload()
        #expect(towns[0].tenant.live.engine.catalog.departments["hauptamt"]?.phone == "0 59 99 / 99-9")
        #expect(towns[1].tenant.live.engine.catalog.departments["hauptamt"]?.phone == "0 12 34 / 56 78-0")
        #expect(towns[0].tenant.live.engine.matcher === towns[1].tenant.live.engine.matcher, "both still share the base's matcher")
    }

    @Test("the folder's problems name the town's folder, file and line: a key twice, a bad setting, a missing key")
    func problems() throws {
        let land = try Land()
        defer { land.remove() }
        _ = try TownFixture(name: "Drittstadt", key: "05999001", over: land.base.directory, in: land.folder)
        let settings = land.nebenstadt.directory.appendingPathComponent("rathaus.yaml")
        try Data("server:\n  hosts: [chat.nebenstadt.example]\n  farbe: blau\n".utf8).write(to: settings)
        #expect {
            try TenantDirectory.load(land.folder)
        } throws: { error in
            let text = "\(error)"
            return text.contains("Der Gemeindeschlüssel 05999001 gehört schon zu") && text.contains("nebenstadt/rathaus.yaml:3:")
        }
    }
}

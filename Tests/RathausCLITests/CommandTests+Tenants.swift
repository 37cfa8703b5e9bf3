import Foundation
import RathausTestSupport
import Testing

/// `rathaus serve --tenants` as a process: two towns over the shipped catalogue, chosen by host
/// name and by path, each reloaded on its own when its files change.
extension CommandTests {
    /// The reply text of a new conversation's first message `text` to the town at `prefix`.
    static func ask(_ server: LiveServer, _ prefix: String, _ text: String) async throws -> String {
        let started = try await server.object(prefix + "/api/v1/conversations", method: "POST")
        let id = try #require(started["id"] as? String), token = try #require(started["token"] as? String)
        let turn = try await server.object(prefix + "/api/v1/conversations/\(id)/messages", method: "POST", json: ["text": text], token: token)
        return ((turn["replies"] as? [String]) ?? []).joined(separator: "\n")
    }

    /// The first reply of a new conversation, sent with `Host: host` over a plain connection.
    static func welcome(at baseURL: String, host: String) throws -> String {
        let port = try #require(baseURL.split(separator: ":").last.map(String.init))
        let script = """
            import http.client, json, sys
            connection = http.client.HTTPConnection("127.0.0.1", \(port), timeout=15)
            connection.request("POST", "/api/v1/conversations", headers={"Host": sys.argv[1]})
            response = connection.getresponse()
            body = response.read()
            print(json.loads(body)["replies"][0] if response.status == 201 else response.status)
            """
        return try python(script, [host])
    }

    @Test("serve --tenants: the host name and /t/{key}/ choose the town, and a changed town reloads alone")
    func tenants() async throws {
        let folder = TestFolder.run.appendingPathComponent("rathaus-tenants-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = BinaryRunner.repositoryRoot
        let beispielstadt = try TownFixture(
            name: "Beispielstadt", key: "05999001", over: base,
            files: TownFixture.ownService.merging(["rathaus.yaml": "server:\n  hosts: [chat.beispielstadt.example]\n"]) { first, _ in first },
            in: folder)
        _ = try TownFixture(name: "Nebenstadt", key: "05999002", over: base, in: folder)
        let server = try LiveServer(["--tenants", folder.path, "--database", "unused.sqlite"])
        defer { server.stop() }

        #expect(try Self.welcome(at: server.baseURL, host: "chat.beispielstadt.example").contains("Beispielstadt"))
        #expect(try Self.welcome(at: server.baseURL, host: "chat.anderswo.example").contains("404"))
        #expect(try await Self.ask(server, "/t/05999001", "grillplatz reservieren").contains("Grillplatz im Stadtpark"))
        #expect(try await !Self.ask(server, "/t/05999002", "grillplatz reservieren").contains("Grillplatz im Stadtpark"))
        let nebenstadtBefore = try await Self.ask(server, "/t/05999002", "telefonnummer bürgerservice")

        // Beispielstadt gets its own Bürgerservice; the server notices within seconds.
        let departments = beispielstadt.directory.appendingPathComponent("Knowledge/stellen")
        try FileManager.default.createDirectory(at: departments, withIntermediateDirectories: true)
        try Data(
            TownFixture.department("hauptamt", name: "Bürgerbüro Beispielstadt", city: "Beispielstadt", phone: "0 59 99 / 12-0").utf8
        ).write(to: departments.appendingPathComponent("hauptamt.yaml"))
        let deadline = Date().addingTimeInterval(30)
        var reloaded = false
        while Date() < deadline, !reloaded {
            reloaded = try await Self.ask(server, "/t/05999001", "telefonnummer bürgerservice").contains("0 59 99 / 12-0")
            if !reloaded { try await Task.sleep(for: .milliseconds(500)) }
        }
        #expect(reloaded, "Beispielstadt reloaded; log:\n\(server.log)")
        #expect(try await Self.ask(server, "/t/05999002", "telefonnummer bürgerservice") == nebenstadtBefore, "Nebenstadt did not change")
        #expect(server.log.contains("\"town\":\"05999001\""))
    }

    @Test("check --tenants loads every town as serve would, and names a key used twice with the town's folder")
    func checkTenants() throws {
        let folder = TestFolder.run.appendingPathComponent("rathaus-tenants-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try TownFixture(name: "Beispielstadt", key: "05999001", over: BinaryRunner.repositoryRoot, in: folder)
        let good = try BinaryRunner.run(["check", "--tenants", folder.path])
        #expect(good.status == 0)
        #expect(good.standardOutput.contains("1 Gemeinden in Ordnung"))
        _ = try TownFixture(name: "Zweitstadt", key: "05999001", over: BinaryRunner.repositoryRoot, in: folder)
        let twice = try BinaryRunner.run(["check", "--tenants", folder.path])
        #expect(twice.status == 1)
        #expect(twice.standardOutput.contains("zweitstadt/Knowledge/gemeinde.yaml: Der Gemeindeschlüssel 05999001 gehört schon zu beispielstadt"))
    }
}

import Foundation
import RathausTestSupport
import Testing

/// The reverse proxy of `docs/deployment.md`: Debian's nginx with the page's own configuration in
/// front of `rathaus serve --tenants`, over TLS with a test CA's certificate.
extension CommandTests {
    /// The first ```nginx block of `docs/deployment.md`.
    static func documentedNginxConfiguration() throws -> String {
        let page = try String(contentsOf: BinaryRunner.repositoryRoot.appendingPathComponent("docs/deployment.md"), encoding: .utf8)
        let start = try #require(page.range(of: "```nginx\n"))
        let end = try #require(page.range(of: "\n```", range: start.upperBound..<page.endIndex))
        return String(page[start.upperBound..<end.lowerBound])
    }

    /// The page's nginx block made to run here. Exactly these strings of the page are replaced, and
    /// a missing one fails the test with its name: the upstream addresses `127.0.0.1:8081` and
    /// `127.0.0.1:8082` by the ports in `upstreams` (one port serves for both lines),
    /// `listen 443 ssl;` by `listen 127.0.0.1:PORT ssl;`, and the certificate and key under
    /// `/etc/ssl/rathaus/` by the test CA's.
    static func documentedNginxSite(upstreams: [Int], port: Int, certificates: TestCertificates) throws -> String {
        let first = try #require(upstreams.first), second = upstreams.count > 1 ? upstreams[1] : first
        var site = try documentedNginxConfiguration()
        for (documented, local) in [
            ("127.0.0.1:8081", "127.0.0.1:\(first)"), ("127.0.0.1:8082", "127.0.0.1:\(second)"),
            ("listen 443 ssl;", "listen 127.0.0.1:\(port) ssl;"),
            ("/etc/ssl/rathaus/fullchain.pem", certificates.serverCertificate), ("/etc/ssl/rathaus/privkey.pem", certificates.serverKey),
        ] {
            #expect(site.contains(documented), "docs/deployment.md no longer has \(documented)")
            site = site.replacingOccurrences(of: documented, with: local)
        }
        return site
    }

    /// Starts Debian's nginx with `site` in `folder`, with what a packaged nginx has in
    /// `/etc/nginx/nginx.conf` around it. Each request is logged to `folder/access.log` as
    /// `METHOD PATH STATUS UPSTREAM_ADDRESSES UPSTREAM_STATUSES` (an instance that was tried and
    /// passed over shows before the one that answered); errors go to `folder/error.log`.
    static func startNginx(site: String, in folder: URL) throws -> Process {
        try Data(site.utf8).write(to: folder.appendingPathComponent("site.conf"))
        let temporary = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map { "\($0)_temp_path \(folder.path)/\($0);" }
        let main = """
            \(getuid() == 0 ? "user root;" : "")
            worker_processes 1;
            error_log \(folder.path)/error.log;
            pid \(folder.path)/nginx.pid;
            events {}
            http {
                log_format upstreams '$request_method $uri $status $upstream_addr $upstream_status';
                access_log \(folder.path)/access.log upstreams;
                \(temporary.joined(separator: "\n    "))
                include \(folder.path)/site.conf;
            }
            """
        try Data(main.utf8).write(to: folder.appendingPathComponent("nginx.conf"))
        let nginx = Process()
        nginx.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
        nginx.arguments = ["-p", folder.path, "-c", folder.appendingPathComponent("nginx.conf").path, "-g", "daemon off;"]
        try nginx.run()
        return nginx
    }

    /// A free port on 127.0.0.1 (taken by the system, then let go).
    static func freePort() throws -> Int {
        let output = try Self.python("import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])", [])
        return try #require(Int(output.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// Runs a Python 3 snippet with `arguments` and returns what it printed.
    static func python(_ script: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// `METHOD https://127.0.0.1:port/path` with `Host: host`, trusting `ca`, with `json` as the
    /// body and `token` as the bearer token when given: the status, a space and the body.
    static func https(
        _ port: Int, host: String, _ method: String, _ path: String, json: String? = nil, token: String? = nil, ca: String
    ) throws -> String {
        let script = """
            import http.client, ssl, sys
            context = ssl.create_default_context(cafile=sys.argv[5])
            connection = http.client.HTTPSConnection("127.0.0.1", int(sys.argv[1]), context=context, timeout=15)
            headers = {"Host": sys.argv[2]}
            if sys.argv[6]: headers["Content-Type"] = "application/json"
            if sys.argv[7]: headers["Authorization"] = "Bearer " + sys.argv[7]
            connection.request(sys.argv[3], sys.argv[4], body=sys.argv[6].encode("utf-8") if sys.argv[6] else None, headers=headers)
            response = connection.getresponse()
            print(response.status, response.read().decode("utf-8", "replace"))
            """
        return try python(script, [String(port), host, method, path, ca, json ?? "", token ?? ""])
    }

    @Test("deployment: nginx with the configuration of docs/deployment.md hands requests to serve --tenants by host name and by path")
    func deployment() throws {
        let folder = TestFolder.run.appendingPathComponent("rathaus-deployment-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let towns = folder.appendingPathComponent("towns")
        _ = try TownFixture(
            name: "Beispielstadt", key: "05999001", over: BinaryRunner.repositoryRoot,
            files: ["rathaus.yaml": "server:\n  hosts: [chat.beispielstadt.example]\n"], in: towns)
        _ = try TownFixture(name: "Nebenstadt", key: "05999002", over: BinaryRunner.repositoryRoot, in: towns)
        let server = try LiveServer(["--tenants", towns.path, "--log-level", "warning"])
        defer { server.stop() }
        let servePort = try #require(server.baseURL.split(separator: ":").last.flatMap { Int($0) })

        let certificates = try TestCertificates()
        let nginxPort = try Self.freePort()
        // One instance on SQLite: both upstream lines name it.
        let site = try Self.documentedNginxSite(upstreams: [servePort], port: nginxPort, certificates: certificates)
        let nginx = try Self.startNginx(site: site, in: folder)
        defer {
            nginx.terminate()
            nginx.waitUntilExit()
        }

        var byHost = ""
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline, !byHost.hasPrefix("201") {
            byHost = try Self.https(nginxPort, host: "chat.beispielstadt.example", "POST", "/api/v1/conversations", ca: certificates.ca)
            if !byHost.hasPrefix("201") { Thread.sleep(forTimeInterval: 0.2) }
        }
        let log = (try? String(contentsOf: folder.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
        #expect(byHost.hasPrefix("201") && byHost.contains("Beispielstadt"), "\(byHost)\nnginx: \(log)")
        let byPath = try Self.https(nginxPort, host: "chat.rechenzentrum.example", "POST", "/t/05999002/api/v1/conversations", ca: certificates.ca)
        #expect(byPath.hasPrefix("201") && byPath.contains("Nebenstadt"), "\(byPath)")
        let widget = try Self.https(nginxPort, host: "chat.rechenzentrum.example", "GET", "/t/05999001/widget.js", ca: certificates.ca)
        #expect(widget.hasPrefix("200"))
    }

    /// `count` instances of `serve` with `arguments`, started at the same moment (they load their
    /// catalogues side by side and open, on PostgreSQL migrate, the same databases at once), once
    /// every one listens; none is left running when one fails.
    static func liveServers(_ count: Int, _ arguments: [String]) throws -> [LiveServer] {
        /// The instances as they come up, from several threads.
        final class Started: @unchecked Sendable {
            let lock = NSLock()
            var results: [Int: Result<LiveServer, any Error>] = [:]
        }
        let started = Started()
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let result = Result { try LiveServer(arguments) }
            started.lock.withLock { started.results[index] = result }
        }
        let servers = (0..<count).compactMap { try? started.results[$0]?.get() }
        guard servers.count == count else {
            for server in servers { server.stop() }
            for index in 0..<count { _ = try started.results[index]?.get() }
            throw CocoaError(.fileReadUnknown)
        }
        return servers
    }

    /// How many messages `server` answered for the town `key`: the sum of its `rathaus_turns_total`.
    static func turnsAnswered(by server: LiveServer, town key: String) async throws -> Int {
        let (_, body) = try await server.request("/t/\(key)/metrics")
        return String(decoding: body, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("rathaus_turns_total{") }
            .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }.reduce(0) { $0 + Int($1) }
    }

    @Test(
        "deployment: two serve --tenants on PostgreSQL behind the nginx of docs/deployment.md share a conversation and lose one without a failed request"
    )
    func deploymentTwoInstances() async throws {
        let folder = TestFolder.run.appendingPathComponent("rathaus-deployment-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Each town on a PostgreSQL database of its own, as the page says.
        let postgres = try PostgresServer.shared()
        let databases = [try postgres.makeDatabase(), try postgres.makeDatabase()]
        let towns = folder.appendingPathComponent("towns")
        _ = try TownFixture(
            name: "Beispielstadt", key: "05999001", over: BinaryRunner.repositoryRoot,
            files: ["rathaus.yaml": "server:\n  hosts: [chat.beispielstadt.example]\ndatabase: \(databases[0])\n"], in: towns)
        _ = try TownFixture(
            name: "Nebenstadt", key: "05999002", over: BinaryRunner.repositoryRoot, files: ["rathaus.yaml": "database: \(databases[1])\n"], in: towns)
        let instances = try Self.liveServers(2, ["--tenants", towns.path, "--log-level", "warning"])
        let first = instances[0], second = instances[1]
        defer { for instance in instances { instance.stop() } }
        let ports = try [first, second].map { try #require($0.baseURL.split(separator: ":").last.flatMap { Int($0) }) }

        let certificates = try TestCertificates()
        let nginxPort = try Self.freePort()
        let nginx = try Self.startNginx(
            site: try Self.documentedNginxSite(upstreams: ports, port: nginxPort, certificates: certificates), in: folder)
        defer {
            nginx.terminate()
            nginx.waitUntilExit()
        }
        let accessLog = folder.appendingPathComponent("access.log")
        func loggedRequests() -> [Substring] {
            ((try? String(contentsOf: accessLog, encoding: .utf8)) ?? "").split(separator: "\n")
        }
        // One request through nginx to Beispielstadt: the status and the JSON object answered.
        func send(_ method: String, _ path: String, _ json: [String: Any]? = nil, token: String? = nil) throws -> (status: Int, object: [String: Any])
        {
            let body = try json.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
            let output = try Self.https(nginxPort, host: "chat.beispielstadt.example", method, path, json: body, token: token, ca: certificates.ca)
            let object = try? JSONSerialization.jsonObject(with: Data(output.drop { $0 != " " }.dropFirst().utf8))
            return (Int(output.prefix { $0 != " " }) ?? 0, object as? [String: Any] ?? ["output": output])
        }

        var started = (status: 0, object: [String: Any]())
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline, started.status != 201 {
            started = try send("POST", "/api/v1/conversations")
            if started.status != 201 { try await Task.sleep(for: .milliseconds(200)) }
        }
        let errors = (try? String(contentsOf: folder.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
        try #require(started.status == 201, "\(started)\nnginx: \(errors)")
        let id = try #require(started.object["id"] as? String), token = try #require(started.object["token"] as? String)
        let path = "/api/v1/conversations/\(id)/messages"
        var turn = try send("POST", path, ["text": "ich will sperrmüll anmelden"], token: token)
        #expect(turn.status == 200, "\(turn)")
        var sent = 1
        // Answers the field the last turn asked for, through nginx.
        func answer() throws {
            let field = try #require((turn.object["expecting"] as? [String: Any])?["field"] as? String, "\(turn)")
            turn = try send("POST", path, ["text": try #require(Self.sperrmuellAnswers[field], "no answer for \(field)")], token: token)
            sent += 1
            #expect(turn.status == 200, "\(field): \(turn)")
        }
        for _ in 0..<3 { try answer() }

        // nginx took turns between the instances, and each continued the form where the other left it.
        let before = [try await Self.turnsAnswered(by: first, town: "05999001"), try await Self.turnsAnswered(by: second, town: "05999001")]
        #expect(before[0] > 0 && before[1] > 0 && before[0] + before[1] == sent, "turns answered by each instance: \(before)")

        // The first instance dies. Every request goes on through nginx; none fails.
        first.stop()
        let loggedBefore = loggedRequests().count
        while turn.object["reference"] == nil, sent < 25 { try answer() }
        #expect(turn.object["reference"] is String, "the form was submitted: \(turn)")
        #expect(try await Self.turnsAnswered(by: second, town: "05999001") == before[1] + sent - before.reduce(0, +))
        let transcript = try send("GET", "/api/v1/conversations/\(id)", token: token)
        let citizen = (transcript.object["transcript"] as? [[String: Any]] ?? []).filter { $0["speaker"] as? String == "citizen" }
        #expect(transcript.status == 200 && citizen.count == sent, "\(transcript)")
        #expect(try send("POST", "/api/v1/conversations").status == 201)
        let byPath = try Self.https(nginxPort, host: "chat.rechenzentrum.example", "POST", "/t/05999002/api/v1/conversations", ca: certificates.ca)
        #expect(byPath.hasPrefix("201") && byPath.contains("Nebenstadt"), "\(byPath)")
        #expect(try Self.https(nginxPort, host: "chat.rechenzentrum.example", "GET", "/t/05999001/widget.js", ca: certificates.ca).hasPrefix("200"))

        // nginx's own account: a chat turn was tried at the dead instance, refused and passed on
        // (`POST … 200 DEAD, LIVE 502, 200`), and no answer after the kill was an error.
        let afterKill = loggedRequests().dropFirst(loggedBefore)
        let passedOn = "127.0.0.1:\(ports[0]), 127.0.0.1:\(ports[1])"
        #expect(afterKill.contains { $0.hasPrefix("POST \(path) 200 \(passedOn) ") }, "\(afterKill.joined(separator: "\n"))")
        #expect(afterKill.allSatisfy { ($0.split(separator: " ").dropFirst(2).first.flatMap { Int($0) } ?? 500) < 500 }, "\(afterKill)")
    }
}

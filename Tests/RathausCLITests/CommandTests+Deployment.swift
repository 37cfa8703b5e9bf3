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

    /// `METHOD https://127.0.0.1:port/path` with `Host: host`, trusting `ca`: the status, a space and the body.
    static func https(_ port: Int, host: String, _ method: String, _ path: String, ca: String) throws -> String {
        let script = """
            import http.client, ssl, sys
            context = ssl.create_default_context(cafile=sys.argv[5])
            connection = http.client.HTTPSConnection("127.0.0.1", int(sys.argv[1]), context=context, timeout=15)
            connection.request(sys.argv[3], sys.argv[4], headers={"Host": sys.argv[2]})
            response = connection.getresponse()
            print(response.status, response.read().decode("utf-8", "replace"))
            """
        return try python(script, [String(port), host, method, path, ca])
    }

    @Test("deployment: nginx with the configuration of docs/deployment.md hands requests to serve --tenants by host name and by path")
    func deployment() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rathaus-deployment-\(UUID().uuidString)")
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
        var site = try Self.documentedNginxConfiguration()
        for (documented, local) in [
            ("127.0.0.1:8081", "127.0.0.1:\(servePort)"), ("listen 443 ssl;", "listen 127.0.0.1:\(nginxPort) ssl;"),
            ("/etc/ssl/rathaus/fullchain.pem", certificates.serverCertificate), ("/etc/ssl/rathaus/privkey.pem", certificates.serverKey),
        ] {
            #expect(site.contains(documented), "docs/deployment.md no longer has \(documented)")
            site = site.replacingOccurrences(of: documented, with: local)
        }
        try Data(site.utf8).write(to: folder.appendingPathComponent("site.conf"))
        // What a packaged nginx has in /etc/nginx/nginx.conf, here in the test's folder.
        let temporary = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map { "\($0)_temp_path \(folder.path)/\($0);" }
        let main = """
            \(getuid() == 0 ? "user root;" : "")
            worker_processes 1;
            error_log \(folder.path)/error.log;
            pid \(folder.path)/nginx.pid;
            events {}
            http {
                access_log off;
                \(temporary.joined(separator: "\n    "))
                include \(folder.path)/site.conf;
            }
            """
        try Data(main.utf8).write(to: folder.appendingPathComponent("nginx.conf"))
        let nginx = Process()
        nginx.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
        nginx.arguments = ["-p", folder.path, "-c", folder.appendingPathComponent("nginx.conf").path, "-g", "daemon off;"]
        try nginx.run()
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
}

import Foundation
import Glibc
import Synchronization

/// A real PostgreSQL server for the store's tests: Debian's `postgresql` (version 15), a cluster
/// made with `initdb` in a temporary folder and started with `pg_ctl` on 127.0.0.1 and a free port
/// the test run picks, once per test process. PostgreSQL refuses to run as root: as root the
/// cluster belongs to the system user `postgres` (`runuser`). A watchdog process stops the
/// cluster and removes its folder once the test process has ended (at the latest after an hour).
/// Each test takes a database of its own (``makeDatabase()``).
public final class PostgresServer: Sendable {
    /// Where Debian puts PostgreSQL 15's programs.
    public static let binaries = "/usr/lib/postgresql/15/bin"
    /// The cluster's superuser, which every test connects as (no password: `trust` on 127.0.0.1).
    public static let user = "rathaus"
    /// The port the server listens on.
    public let port: Int
    /// The folder of the cluster, its log and its socket.
    public let folder: URL

    private static let started = Mutex<PostgresServer?>(nil)

    /// The test process's server, started on first use.
    public static func shared() throws -> PostgresServer {
        try started.withLock { server in
            if let server { return server }
            let new = try PostgresServer()
            server = new
            return new
        }
    }

    /// A new, empty database on the server, as the URL the store opens.
    public func makeDatabase() throws -> String {
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try Self.run(
            "\(Self.binaries)/createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", Self.user, "-E", "UTF8", name], asOwner: false,
            folder: folder)
        return "postgres://\(Self.user)@127.0.0.1:\(port)/\(name)"
    }

    private init() throws {
        guard FileManager.default.isExecutableFile(atPath: "\(Self.binaries)/initdb") else {
            throw Failure(description: "PostgreSQL 15 is not installed (apt-get install postgresql): \(Self.binaries)/initdb is missing")
        }
        folder = URL(fileURLWithPath: "/tmp/rathaus-postgres-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        if getuid() == 0 {
            try FileManager.default.setAttributes([.ownerAccountName: "postgres", .posixPermissions: 0o700], ofItemAtPath: folder.path)
        }
        let data = folder.appendingPathComponent("data").path
        try Self.run(
            "\(Self.binaries)/initdb", ["-D", data, "-U", Self.user, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], asOwner: true,
            folder: folder)
        port = try Self.start(data: data, folder: folder)
        try Self.watch(folder: folder, data: data)
    }

    /// Starts the server of the cluster in `data` on a free port, tried three times (another
    /// program may take the port between its choice and the start), and returns the port once the
    /// server accepts connections. The server runs as a child of this process rather than through
    /// `pg_ctl start`: Foundation notices that a process ended when every process that inherited
    /// its descriptors has closed them, and the server that `pg_ctl` leaves behind never does.
    private static func start(data: String, folder: URL) throws -> Int {
        var lastError: (any Error)?
        for _ in 0..<3 {
            let port = try freePort()
            let server = Process()
            let command = ownerCommand(
                "\(binaries)/postgres",
                // fsync off: the tests check what is committed, not what survives a power loss.
                [
                    "-D", data, "-p", String(port), "-k", folder.path, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c",
                    "max_connections=300",
                ])
            server.executableURL = URL(fileURLWithPath: command[0])
            server.arguments = Array(command.dropFirst())
            server.currentDirectoryURL = URL(fileURLWithPath: "/tmp")
            let log = folder.appendingPathComponent("log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let output = try FileHandle(forWritingTo: log)
            server.standardOutput = output
            server.standardError = output
            server.standardInput = FileHandle.nullDevice
            try server.run()
            try? output.close()
            // Ready within 60 seconds, or given up.
            for _ in 0..<240 where server.isRunning {
                if (try? run("\(binaries)/pg_isready", ["-q", "-h", "127.0.0.1", "-p", String(port)], asOwner: false, folder: folder)) != nil {
                    return port
                }
                usleep(250_000)
            }
            if server.isRunning { server.terminate() }
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            lastError = Failure(description: "PostgreSQL did not start on port \(port): \(text.suffix(2000))")
        }
        throw lastError ?? Failure(description: "PostgreSQL did not start")
    }

    /// Starts the process that stops the cluster and removes `folder` once this process has ended.
    private static func watch(folder: URL, data: String) throws {
        let stop = ownerCommand("\(binaries)/pg_ctl", ["-D", data, "-m", "immediate", "stop"]).map { "'\($0)'" }.joined(separator: " ")
        let script = """
            i=0
            while kill -0 \(getpid()) 2>/dev/null && [ $i -lt 7200 ]; do sleep 0.5; i=$((i+1)); done
            \(stop) >/dev/null 2>&1
            rm -rf '\(folder.path)'
            """
        let watchdog = Process()
        watchdog.executableURL = URL(fileURLWithPath: "/bin/sh")
        watchdog.arguments = ["-c", script]
        watchdog.standardOutput = FileHandle.nullDevice
        watchdog.standardError = FileHandle.nullDevice
        try watchdog.run()
    }

    /// `arguments` of `program`, run as the cluster's owner: the user `postgres` when this process is root.
    private static func ownerCommand(_ program: String, _ arguments: [String]) -> [String] {
        getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--", program] + arguments : [program] + arguments
    }

    /// Runs `program` to its end (as the cluster's owner when `asOwner`) and throws with its
    /// output when it fails. The output goes to a file, not a pipe: the server that `pg_ctl`
    /// starts would inherit the pipe and keep it open, and reading it would never end.
    private static func run(_ program: String, _ arguments: [String], asOwner: Bool, folder: URL) throws {
        let command = asOwner ? ownerCommand(program, arguments) : [program] + arguments
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: "/tmp")
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("rathaus-postgres-\(UUID().uuidString).out")
        FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let output = try FileHandle(forWritingTo: outputFile)
        defer { try? output.close() }
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            let log = (try? String(contentsOf: folder.appendingPathComponent("log"), encoding: .utf8)) ?? ""
            throw Failure(description: "\(program) failed (\(process.terminationStatus)): \(text)\n\(log.suffix(2000))")
        }
    }

    /// A TCP port on 127.0.0.1 that nothing listens on right now.
    private static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "no socket") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw Failure(description: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Why the server could not be started or used.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, with the program's output.
        public let description: String
    }
}

import Foundation

/// The outgoing proxy of `Tests/Delivery/proxy.py`, started for one test on a free port of
/// 127.0.0.1: it tunnels CONNECT requests to 127.0.0.1 and logs each connection it accepts.
public final class ConnectProxy {
    /// One connection as the proxy logged it.
    public struct Entry: Decodable, Sendable {
        /// The connection's number, from 1.
        public let n: Int
        /// The request's method (`CONNECT`).
        public let method: String
        /// Its target, `host:port` for CONNECT.
        public let target: String
    }

    /// The proxy's process.
    public let process = Process()
    /// The port it listens on.
    public let port: Int
    /// The file it logs each connection to, one JSON line each.
    public let log: URL

    /// Starts the proxy; it stops by itself after two minutes.
    public init() throws {
        log = TestFolder.run.appendingPathComponent("rathaus-proxy-\(UUID().uuidString).jsonl")
        port = try PortPrintingScript.start("Tests/Delivery/proxy.py", ["--log", log.path, "--lifetime", "120"], in: process)
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: log)
    }

    /// The proxy URL for the config.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// Every connection logged so far.
    public func entries() throws -> [Entry] {
        guard let data = FileManager.default.contents(atPath: log.path) else { return [] }
        return try data.split(separator: UInt8(ascii: "\n")).map { try JSONDecoder().decode(Entry.self, from: Data($0)) }
    }
}

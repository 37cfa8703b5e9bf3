import Foundation

/// A real SMTP server on 127.0.0.1 for the e-mail tests: `Tests/Delivery/smtp_server.py` (aiosmtpd),
/// started for one test, which may refuse the first messages with 451 and logs the others.
public final class MailServer {
    /// One message the server took.
    public struct Message: Decodable, Sendable {
        /// The envelope sender.
        public let mail_from: String
        /// The envelope recipients.
        public let rcpt_tos: [String]
        /// The decoded subject.
        public let subject: String
        /// The decoded text.
        public let body: String
        /// The headers as received.
        public let headers: [String: String]
    }

    /// The server's process.
    public let process = Process()
    /// The port it listens on.
    public let port: Int
    /// The file it logs each message to, one JSON line each.
    public let log: URL

    /// Starts the server; it answers the first `refuseFirst` messages with 451.
    public init(refuseFirst: Int = 0) throws {
        log = TestFolder.run.appendingPathComponent("rathaus-mail-\(UUID().uuidString).jsonl")
        port = try PortPrintingScript.start(
            "Tests/Delivery/smtp_server.py", ["--log", log.path, "--refuse-first", String(refuseFirst), "--lifetime", "120"], in: process)
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: log)
    }

    /// The `smtp:` section of a config for this server.
    public var configuration: String {
        """
        smtp:
          host: 127.0.0.1
          port: \(port)
          security: none
          from: "Stadt Musterstadt <rathaus@musterstadt.example>"
        """
    }

    /// Every message taken so far.
    public func messages() throws -> [Message] {
        guard let data = FileManager.default.contents(atPath: log.path) else { return [] }
        return try data.split(separator: UInt8(ascii: "\n")).map { try JSONDecoder().decode(Message.self, from: Data($0)) }
    }
}

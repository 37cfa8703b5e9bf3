import Foundation

/// The Python webhook receiver of `Tests/Delivery/receiver.py`, started for one test on a free
/// port of 127.0.0.1; it verifies each request with the official `standardwebhooks` package, and
/// serves https when started with `--tls-cert` and `--tls-key`.
public final class Receiver {
    /// One request as the receiver logged it.
    public struct Entry: Decodable, Sendable {
        /// The request's number, from 1.
        public let n: Int
        /// The `webhook-id` header.
        public let webhook_id: String?
        /// The `webhook-timestamp` header.
        public let timestamp: String?
        /// Whether `standardwebhooks` verified the signature.
        public let valid: Bool
        /// Why verification failed, if it did.
        public let error: String?
        /// The body as received.
        public let body: String
        /// The `User-Agent` header.
        public let user_agent: String?
        /// The `Content-Type` header.
        public let content_type: String?

        /// The body's `reference`.
        public var reference: String? {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["reference"] as? String
        }
    }

    /// The secret the receiver verifies with (the Standard Webhooks specification's test secret).
    public static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    /// The repository's root folder.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The receiver's process.
    public let process = Process()
    /// The port it listens on.
    public let port: Int
    /// The file it logs each request to, one JSON line each.
    public let log: URL
    /// True when it serves https.
    public let usesTLS: Bool

    /// Starts the receiver with `arguments` (e.g. ["--mode", "fail", "--fail-first", "2"]).
    public init(_ arguments: [String] = []) throws {
        usesTLS = arguments.contains("--tls-cert")
        log = TestFolder.run.appendingPathComponent("rathaus-receiver-\(UUID().uuidString).jsonl")
        port = try PortPrintingScript.start(
            "Tests/Delivery/receiver.py", ["--secret", Self.secret, "--log", log.path, "--lifetime", "120"] + arguments, in: process)
    }

    deinit {
        // SIGKILL, not SIGTERM: the helper starts with the signal mask of the thread that started
        // it, where SIGTERM is blocked, and would go on until its lifetime ran out.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: log)
    }

    /// The webhook URL.
    public var url: String { "\(usesTLS ? "https" : "http")://127.0.0.1:\(port)/hook" }

    /// Everything logged so far.
    public func entries() throws -> [Entry] {
        guard let data = FileManager.default.contents(atPath: log.path) else { return [] }
        return try data.split(separator: UInt8(ascii: "\n")).map { try JSONDecoder().decode(Entry.self, from: Data($0)) }
    }

    /// A config file for this receiver as the default endpoint, with a short schedule.
    public func configuration(timeout: Double = 2, schedule: [Double] = [0.2, 0.2, 0.2]) -> String {
        """
        delivery:
          connect_timeout_seconds: 1
          timeout_seconds: \(timeout)
          concurrency: 4
          retry_schedule_seconds: [\(schedule.map { String($0) }.joined(separator: ", "))]
        departments:
          default:
            url: \(url)
            secrets: [\(Self.secret)]
        """
    }
}

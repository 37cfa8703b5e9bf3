import Foundation
import Yams

/// The `server:` section of the config file: who may call the API from a browser, who may frame
/// the pages, how fast one client may send, how often the catalogue is checked for changes, and
/// whether the chat is off for maintenance (the one key a running server reloads).
///
/// ```yaml
/// server:
///   cors_origins: [https://www.musterstadt.de]
///   frame_ancestors: [https://www.musterstadt.de]
///   rate_limit: {per_second: 5, burst: 30}
///   trust_forwarded_for: false
///   reload_check_seconds: 2
///   maintenance: {message: "Der Chat ist bis 14 Uhr in Wartung."}
///   hosts: [chat.musterstadt.example]   # with serve --tenants: the town's own host names
/// ```
public struct ServerConfiguration: Sendable, Equatable {
    /// Origins whose pages may call the API (CORS); none by default, so only the server's own pages can.
    public var corsOrigins: [String] = []
    /// Origins that may show the pages in a frame; none (`'none'`) by default.
    public var frameAncestors: [String] = []
    /// Requests each client may make per second on average (0 turns the limit off).
    public var requestsPerSecond: Double = 5
    /// Requests a client may make at once before the average applies.
    public var burst: Double = 30
    /// Whether to key the rate limit on the last address in `X-Forwarded-For` (behind a reverse proxy).
    public var trustsForwardedFor = false
    /// Seconds between two checks of the catalogue files for changes (0: only on SIGHUP).
    public var reloadCheckSeconds: Double = 2
    /// Maintenance: new conversations and turns get 503 with this text (nil: the default text).
    /// The outer nil: no maintenance.
    public var maintenance: Maintenance?
    /// Host names that choose this town when one server serves several (`serve --tenants`).
    public var hosts: [String] = []

    /// `server.maintenance`: the chat is switched off for citizens.
    public struct Maintenance: Sendable, Equatable {
        /// The text for citizens; nil for ``MaintenanceMode/defaultMessage``.
        public var message: String?

        /// Maintenance with `message` (nil: the default text).
        public init(message: String? = nil) {
            self.message = message
        }
    }

    /// The defaults: no other origins, 5 requests per second with bursts of 30, a check every 2 s.
    public init() {}

    /// Most characters of a maintenance message.
    public static let maximumMessageLength = 500

    /// Problems of a config file, each with file and line.
    public struct Problems: Error, CustomStringConvertible, Sendable {
        /// One line per problem, `file:line: sentence`.
        public let lines: [String]
        /// The lines, joined.
        public var description: String { lines.joined(separator: "\n") }
    }

    /// Reads the `server:` section of the file at `url`; a key it does not have keeps its value in
    /// `defaults` (the built-in defaults unless given: with `serve --tenants`, `--config`'s).
    public init(contentsOf url: URL, defaults: ServerConfiguration = ServerConfiguration()) throws {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw Problems(lines: ["\(url.lastPathComponent):1: Die Datei kann nicht gelesen werden."])
        }
        try self.init(yaml: text, file: url.lastPathComponent, defaults: defaults)
    }

    /// Reads the `server:` section of YAML text; a key it does not have keeps its value in `defaults`.
    public init(yaml text: String, file: String = "config.yaml", defaults: ServerConfiguration = ServerConfiguration()) throws {
        self = defaults
        let root: Node.Mapping?
        do {
            root = try Yams.compose(yaml: text)?.mapping
        } catch {
            throw Problems(lines: ["\(file):1: kein gültiges YAML (\(error))"])
        }
        guard let node = root?["server"] else { return }
        func line(_ node: Node?) -> Int { node?.mark?.line ?? 1 }
        guard let server = node.mapping else { throw Problems(lines: ["\(file):\(line(node)): 'server:' braucht Felder wie cors_origins."]) }
        var problems: [String] = []
        let known = ["cors_origins", "frame_ancestors", "rate_limit", "trust_forwarded_for", "reload_check_seconds", "maintenance", "hosts"]
        for key in server.keys.compactMap(\.string) where !known.contains(key) {
            problems.append("\(file):\(line(server[key])): Unbekanntes Feld 'server.\(key)'. Erlaubt sind: \(known.joined(separator: ", ")).")
        }
        func origins(_ key: String) -> [String] {
            guard let list = server[key] else { return [] }
            let values = list.sequence?.compactMap(\.string) ?? []
            let valid = values.filter { value in
                guard let url = URL(string: value), ["http", "https"].contains(url.scheme ?? ""), url.host != nil,
                    url.path.isEmpty, url.query == nil
                else { return false }
                return true
            }
            if list.sequence == nil || valid.count != list.sequence?.count {
                problems.append(
                    "\(file):\(line(list)): '\(key)' muss eine Liste von Ursprüngen sein, z. B. [https://www.musterstadt.de] (ohne Pfad).")
            }
            return valid
        }
        func number(_ node: Node?, _ name: String, _ fallback: Double) -> Double {
            guard let node else { return fallback }
            guard let value = node.string.flatMap(Double.init), value >= 0 else {
                problems.append("\(file):\(line(node)): '\(name)' muss eine Zahl ab 0 sein.")
                return fallback
            }
            return value
        }
        if server["cors_origins"] != nil { corsOrigins = origins("cors_origins") }
        if server["frame_ancestors"] != nil { frameAncestors = origins("frame_ancestors") }
        if let limit = server["rate_limit"] {
            if let mapping = limit.mapping {
                for key in mapping.keys.compactMap(\.string) where !["per_second", "burst"].contains(key) {
                    problems.append("\(file):\(line(mapping[key])): Unbekanntes Feld 'server.rate_limit.\(key)'. Erlaubt sind: per_second, burst.")
                }
                requestsPerSecond = number(mapping["per_second"], "rate_limit.per_second", requestsPerSecond)
                burst = max(1, number(mapping["burst"], "rate_limit.burst", burst))
            } else {
                problems.append("\(file):\(line(limit)): 'rate_limit' braucht per_second und burst, z. B. {per_second: 5, burst: 30}.")
            }
        }
        if let trust = server["trust_forwarded_for"] {
            if let value = trust.bool {
                trustsForwardedFor = value
            } else {
                problems.append("\(file):\(line(trust)): 'trust_forwarded_for' muss true oder false sein.")
            }
        }
        reloadCheckSeconds = number(server["reload_check_seconds"], "reload_check_seconds", reloadCheckSeconds)
        if let list = server["hosts"] {
            let names = list.sequence?.compactMap(\.string).map { $0.lowercased() } ?? []
            let valid = names.filter { name in
                !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }
            }
            if list.sequence == nil || valid.count != list.sequence?.count {
                problems.append(
                    "\(file):\(line(list)): 'hosts' muss eine Liste von Hostnamen sein, z. B. [chat.musterstadt.example] (ohne https:// und Port).")
            }
            hosts = valid
        }
        // The key alone switches maintenance on (`maintenance:` or `{}`: the default text).
        if let node = server["maintenance"] {
            if node.null != nil {
                maintenance = Maintenance()
            } else if let mapping = node.mapping {
                for key in mapping.keys.compactMap(\.string) where key != "message" {
                    problems.append("\(file):\(line(mapping[key])): Unbekanntes Feld 'server.maintenance.\(key)'. Erlaubt ist: message.")
                }
                let message = mapping["message"]?.string?.trimmingCharacters(in: .whitespacesAndNewlines)
                if let text = mapping["message"], text.string == nil || text.string!.count > Self.maximumMessageLength {
                    problems.append(
                        "\(file):\(line(text)): 'maintenance.message' muss ein Text mit höchstens \(Self.maximumMessageLength) Zeichen sein.")
                }
                maintenance = Maintenance(message: message?.isEmpty == false ? message : nil)
            } else {
                problems.append(
                    "\(file):\(line(node)): 'maintenance' braucht die Form {message: TEXT} (ohne Text: der Standardtext); "
                        + "löschen Sie den Eintrag, um den Chat wieder einzuschalten.")
            }
        }
        if !problems.isEmpty { throw Problems(lines: problems) }
    }
}

import Foundation
import Yams

/// The deployment settings of the `--config` file:
///
/// ```yaml
/// database: /var/lib/rathaus/rathaus.sqlite   # optional; else --database or rathaus.sqlite;
///                                             # or postgres://rathaus@db.intern:5432/rathaus (docs/storage.md)
/// delivery:
///   connect_timeout_seconds: 5
///   timeout_seconds: 15
///   allow_http: false                  # http:// only for loopback unless true
///   concurrency: 4                     # deliveries in flight at once
///   retry_schedule_seconds: [5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400]
///   ca_file: kommunal-ca.pem           # and client_certificate, client_key, proxy, …: NetworkSettings
/// departments:
///   default:                           # every department without its own entry
///     url: https://eingang.musterstadt.example/webhook
///     secret_env: RATHAUS_WEBHOOK_SECRET    # or secrets: [whsec_…, whsec_…]
///   abfallwirtschaft:
///     url: https://abfall.musterstadt.example/hooks/rathaus
///     secrets: [whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw]
/// ```
public struct DeliveryConfiguration: Sendable {
    /// Where one department's applications go.
    public struct Endpoint: Sendable {
        /// The webhook URL.
        public let url: URL
        /// Signing secrets (`whsec_…`); several during a rotation.
        public let secrets: [String]
        /// The CA, client certificate and proxy to reach it with (`delivery:` merged with its own entry).
        public let network: NetworkSettings
    }

    /// The database file or PostgreSQL URL (`postgres://…`), if the config names one.
    public let database: String?
    /// Seconds to wait for a connection.
    public let connectTimeout: TimeInterval
    /// Seconds an attempt may take in all.
    public let timeout: TimeInterval
    /// True when http:// is allowed for any host.
    public let allowsHTTP: Bool
    /// Deliveries in flight at once.
    public let concurrency: Int
    /// The waits before each retry.
    public let retrySchedule: [TimeInterval]
    /// Endpoints by department id; `default` for all others.
    public let endpoints: [String: Endpoint]
    /// The mail server for e-mails to citizens, if the config has one (`smtp:`).
    public let smtp: SMTPSettings?
    /// The network settings of `delivery:`, the default of every endpoint.
    public let network: NetworkSettings

    /// The standard retry schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h.
    public static let standardSchedule: [TimeInterval] = [5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400]

    /// The endpoint for a department: its own, or `default`.
    public func endpoint(for department: String) -> Endpoint? {
        endpoints[department] ?? endpoints["default"]
    }

    /// Every problem of a config file, with its line.
    public struct Problems: Error, CustomStringConvertible, Sendable {
        /// "file:line: what is wrong", one per problem.
        public let lines: [String]
        /// All lines.
        public var description: String { lines.joined(separator: "\n") }
    }

    /// Reads and checks `url`; `environment` supplies `secret_env` variables, and relative paths
    /// (`ca_file`, `client_certificate`, `client_key`) start from the file's folder. Without
    /// `requiresDepartments`, a file without `departments:` is valid and names no endpoint (for
    /// `serve`, which then only stores applications).
    public init(
        contentsOf url: URL, environment: [String: String] = ProcessInfo.processInfo.environment,
        requiresDepartments: Bool = true
    ) throws {
        let file = url.lastPathComponent
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw Problems(lines: ["\(file):1: Die Datei kann nicht gelesen werden."])
        }
        try self.init(
            yaml: text, file: file, directory: url.deletingLastPathComponent(), environment: environment, requiresDepartments: requiresDepartments)
    }

    /// Reads and checks YAML text (see ``init(contentsOf:environment:requiresDepartments:)``); relative
    /// paths start from `directory`, or from the current directory when it is nil.
    public init(
        yaml text: String, file: String = "config.yaml", directory: URL? = nil, environment: [String: String] = [:],
        requiresDepartments: Bool = true
    ) throws {
        var problems: [String] = []
        let root: Node.Mapping
        do {
            guard let mapping = try Yams.compose(yaml: text)?.mapping else {
                throw Problems(lines: ["\(file):1: Erwartet werden Felder wie 'departments:'."])
            }
            root = mapping
        } catch let error as Problems {
            throw error
        } catch {
            throw Problems(lines: ["\(file):1: kein gültiges YAML (\(error))"])
        }
        func line(_ node: Node?) -> Int { (node?.mark?.line ?? 1) }
        for key in root.keys.compactMap(\.string) where !["database", "delivery", "departments", "server", "smtp"].contains(key) {
            problems.append("\(file):\(line(root[key])): Unbekanntes Feld '\(key)'. Erlaubt sind: database, delivery, departments, server, smtp.")
        }
        smtp = root["smtp"].flatMap { SMTPSettings.read($0, file: file, environment: environment, problems: &problems) }
        database = root["database"]?.string
        let delivery = root["delivery"]?.mapping
        func number(_ key: String, _ fallback: Double) -> Double {
            guard let node = delivery?[key] else { return fallback }
            guard let value = node.string.flatMap(Double.init), value > 0 else {
                problems.append("\(file):\(line(node)): '\(key)' muss eine positive Zahl sein.")
                return fallback
            }
            return value
        }
        for key in delivery?.keys.compactMap(\.string) ?? []
        where !(["connect_timeout_seconds", "timeout_seconds", "allow_http", "concurrency", "retry_schedule_seconds"] + NetworkSettings.keys)
            .contains(key)
        {
            problems.append("\(file):\(line(delivery?[key])): Unbekanntes Feld 'delivery.\(key)'.")
        }
        connectTimeout = number("connect_timeout_seconds", 5)
        timeout = number("timeout_seconds", 15)
        concurrency = Int(number("concurrency", 4))
        allowsHTTP = delivery?["allow_http"]?.bool ?? false
        if let list = delivery?["retry_schedule_seconds"] {
            let values = list.sequence?.compactMap { $0.string.flatMap(Double.init) } ?? []
            if values.isEmpty || values.count != list.sequence?.count {
                problems.append("\(file):\(line(list)): 'retry_schedule_seconds' muss eine Liste von Sekunden sein, z. B. [5, 300, 1800].")
            }
            retrySchedule = values.isEmpty ? Self.standardSchedule : values
        } else {
            retrySchedule = Self.standardSchedule
        }
        let source = NetworkSettings.Source(file: file, directory: directory, environment: environment)
        let network = NetworkSettings.read(delivery, over: NetworkSettings(), from: source, problems: &problems)
        self.network = network
        var endpoints: [String: Endpoint] = [:]
        if let departments = root["departments"]?.mapping {
            for (key, node) in departments {
                guard let id = key.string, let entry = node.mapping else {
                    problems.append("\(file):\(line(node)): Jede Stelle braucht 'url' und 'secrets' oder 'secret_env'.")
                    continue
                }
                guard let urlText = entry["url"]?.string, let url = URL(string: urlText), url.host != nil else {
                    problems.append("\(file):\(line(node)): Die Stelle '\(id)' braucht eine 'url' wie https://…")
                    continue
                }
                if !CurlTransportRules.isAllowed(url, allowsHTTP: allowsHTTP) {
                    problems.append(
                        "\(file):\(line(entry["url"])): '\(urlText)': nur https ist erlaubt (http nur für 127.0.0.1 oder mit allow_http: true).")
                }
                var secrets = entry["secrets"]?.sequence?.compactMap(\.string) ?? []
                if let variable = entry["secret_env"]?.string {
                    if let value = environment[variable] {
                        secrets += value.split(separator: " ").map(String.init)
                    } else {
                        problems.append("\(file):\(line(entry["secret_env"])): Die Umgebungsvariable \(variable) ist nicht gesetzt.")
                    }
                }
                if secrets.isEmpty {
                    problems.append("\(file):\(line(node)): Die Stelle '\(id)' braucht 'secrets: [whsec_…]' oder 'secret_env: VARIABLE'.")
                } else if (try? WebhookSigner(secrets: secrets)) == nil {
                    problems.append("\(file):\(line(node)): Ein Schlüssel der Stelle '\(id)' ist nicht 'whsec_' gefolgt von Base64.")
                }
                for key in entry.keys.compactMap(\.string) where !(["url", "secrets", "secret_env"] + NetworkSettings.keys).contains(key) {
                    problems.append("\(file):\(line(entry[key])): Unbekanntes Feld '\(key)' bei der Stelle '\(id)'.")
                }
                let own = NetworkSettings.read(entry, over: network, from: source, problems: &problems).completed(environment: environment)
                if own.clientKey != nil, own.clientCertificate == nil {
                    problems.append("\(file):\(line(node)): Die Stelle '\(id)' hat 'client_key', aber kein 'client_certificate'.")
                }
                endpoints[id] = Endpoint(url: url, secrets: secrets, network: own)
            }
        } else if requiresDepartments {
            problems.append("\(file):1: 'departments:' fehlt; tragen Sie mindestens 'default:' mit url und secrets ein.")
        }
        self.endpoints = endpoints
        if !problems.isEmpty { throw Problems(lines: problems) }
    }
}

/// The URL rule shared by the configuration check and the transport.
enum CurlTransportRules {
    /// https always; http only for loopback addresses unless allowed.
    static func isAllowed(_ url: URL, allowsHTTP: Bool) -> Bool {
        switch url.scheme?.lowercased() {
        case "https": return true
        case "http": return allowsHTTP || ["127.0.0.1", "localhost", "::1", "[::1]"].contains(url.host?.lowercased() ?? "")
        default: return false
        }
    }
}

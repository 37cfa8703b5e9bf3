import Foundation
import Yams

/// The `smtp:` section of the config: the mail server through which citizens who agreed get an
/// e-mail for each step of their application.
///
/// ```yaml
/// smtp:
///   host: smtp.musterstadt.example
///   port: 587                        # default 587 (465 with tls)
///   security: starttls               # starttls (default), tls, or none (only for 127.0.0.1/localhost)
///   user: rathaus@musterstadt.example
///   password_env: RATHAUS_SMTP_PASSWORD
///   from: rathaus@musterstadt.example
/// ```
public struct SMTPSettings: Sendable, Hashable {
    /// How the connection is protected.
    public enum Security: String, Sendable, Hashable, CaseIterable {
        /// Plain connection upgraded with STARTTLS, which must succeed.
        case starttls
        /// TLS from the first byte (smtps).
        case tls
        /// No encryption: only for a server on the same machine.
        case none
    }

    /// The server's host name.
    public let host: String
    /// Its port.
    public let port: Int
    /// How the connection is protected.
    public let security: Security
    /// The user to log in as, if the server wants a login.
    public let user: String?
    /// The password, from the environment variable the config names.
    public let password: String?
    /// The sender address.
    public let from: String

    /// The settings of `node` (the `smtp:` mapping); appends each problem with its line to `problems`.
    static func read(_ node: Node, file: String, environment: [String: String], problems: inout [String]) -> SMTPSettings? {
        func line(_ node: Node?) -> Int { node?.mark?.line ?? 1 }
        guard let mapping = node.mapping else {
            problems.append("\(file):\(line(node)): 'smtp:' braucht host und from.")
            return nil
        }
        let known = ["host", "port", "security", "user", "password_env", "from"]
        for key in mapping.keys.compactMap(\.string) where !known.contains(key) {
            problems.append("\(file):\(line(mapping[key])): Unbekanntes Feld 'smtp.\(key)'. Erlaubt sind: \(known.joined(separator: ", ")).")
        }
        guard let host = mapping["host"]?.string, !host.isEmpty else {
            problems.append("\(file):\(line(node)): 'smtp.host' fehlt, z. B. host: smtp.musterstadt.example.")
            return nil
        }
        guard let from = mapping["from"]?.string, from.contains("@") else {
            problems.append("\(file):\(line(node)): 'smtp.from' braucht die Absenderadresse, z. B. from: rathaus@musterstadt.example.")
            return nil
        }
        let securityText = mapping["security"]?.string ?? "starttls"
        guard let security = Security(rawValue: securityText) else {
            problems.append("\(file):\(line(mapping["security"])): 'smtp.security' ist starttls, tls oder none.")
            return nil
        }
        if security == .none, !["127.0.0.1", "localhost", "::1"].contains(host.lowercased()) {
            problems.append("\(file):\(line(mapping["security"])): 'security: none' nur für einen Server auf 127.0.0.1 oder localhost.")
        }
        let port = mapping["port"].map { $0.string.flatMap(Int.init) } ?? (security == .tls ? 465 : 587)
        guard let port, (1...65_535).contains(port) else {
            problems.append("\(file):\(line(mapping["port"])): 'smtp.port' muss eine Portnummer sein, z. B. 587.")
            return nil
        }
        var password: String?
        if let variable = mapping["password_env"]?.string {
            password = environment[variable]
            if password == nil { problems.append("\(file):\(line(mapping["password_env"])): Die Umgebungsvariable \(variable) ist nicht gesetzt.") }
        }
        return SMTPSettings(host: host, port: port, security: security, user: mapping["user"]?.string, password: password, from: from)
    }
}

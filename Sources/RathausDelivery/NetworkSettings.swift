import Foundation
import Yams

/// How libcurl reaches a department's endpoint on a municipal network: the CA that signed the
/// endpoint, a client certificate for mutual TLS, and an outgoing proxy.
///
/// Read from `delivery:` (the default for every department) and from each `departments:` entry (which
/// overrides the default key by key). Relative paths are relative to the config file's folder.
///
/// ```yaml
/// delivery:
///   ca_file: /etc/rathaus/kommunal-ca.pem      # only this CA is trusted (instead of the system's list)
///   proxy: http://proxy.musterstadt.example:3128
///   no_proxy: [intranet.musterstadt.example, 10.0.0.0/8]   # else the no_proxy/NO_PROXY variable
/// departments:
///   bauverwaltung:
///     url: https://bau.intern.musterstadt.example/hook
///     secrets: [whsec_…]
///     client_certificate: certs/rathaus.pem     # mutual TLS
///     client_key: certs/rathaus.key
///     client_key_password_env: RATHAUS_CLIENT_KEY_PASSWORD
/// ```
public struct NetworkSettings: Sendable, Hashable {
    /// The PEM file of the CA(s) trusted for the endpoint (CURLOPT_CAINFO); nil: the system's list.
    public var caFile: String?
    /// The PEM file of the client certificate for mutual TLS (CURLOPT_SSLCERT).
    public var clientCertificate: String?
    /// The PEM file of the client certificate's private key (CURLOPT_SSLKEY).
    public var clientKey: String?
    /// The key's password, from the environment variable the config names (CURLOPT_KEYPASSWD).
    public var clientKeyPassword: String?
    /// The outgoing proxy, `http://host:port` or `https://…` (CURLOPT_PROXY).
    public var proxy: String?
    /// Hosts reached without the proxy, comma-separated (CURLOPT_NOPROXY); empty: none.
    public var noProxy: String?

    /// Settings with these values; all nil is libcurl's default (system CAs, no client
    /// certificate, libcurl's own proxy variables).
    public init(
        caFile: String? = nil, clientCertificate: String? = nil, clientKey: String? = nil, clientKeyPassword: String? = nil,
        proxy: String? = nil, noProxy: String? = nil
    ) {
        self.caFile = caFile
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.clientKeyPassword = clientKeyPassword
        self.proxy = proxy
        self.noProxy = noProxy
    }

    /// The keys these settings are read from, in `delivery:` and in a department's entry.
    static let keys = ["ca_file", "client_certificate", "client_key", "client_key_password_env", "proxy", "no_proxy"]

    /// Where a YAML mapping's settings are read from and reported against.
    struct Source {
        /// The config file's name for problems.
        let file: String
        /// The folder relative paths start from; nil: the current directory.
        let directory: URL?
        /// The variables `client_key_password_env` and `no_proxy` are read from.
        let environment: [String: String]
    }

    /// `fallback` with the keys present in `mapping` replaced; appends each problem with its line.
    static func read(_ mapping: Node.Mapping?, over fallback: NetworkSettings, from source: Source, problems: inout [String]) -> NetworkSettings {
        guard let mapping else { return fallback }
        var settings = fallback
        func line(_ node: Node?) -> Int { node?.mark?.line ?? 1 }
        func pemFile(_ key: String, expecting marker: String) -> String? {
            guard let node = mapping[key] else { return nil }
            guard let text = node.string, !text.isEmpty else {
                problems.append("\(source.file):\(line(node)): '\(key)' braucht den Pfad einer PEM-Datei.")
                return nil
            }
            let path = source.directory.map { URL(fileURLWithPath: text, relativeTo: $0).path } ?? text
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                problems.append("\(source.file):\(line(node)): '\(key)': Die Datei \(path) gibt es nicht.")
            } else if isDirectory.boolValue || !FileManager.default.isReadableFile(atPath: path) {
                problems.append("\(source.file):\(line(node)): '\(key)': Die Datei \(path) kann nicht gelesen werden.")
            } else if let content = try? String(contentsOfFile: path, encoding: .utf8), content.contains("-----BEGIN") {
                if !content.contains(marker) {
                    problems.append("\(source.file):\(line(node)): '\(key)': \(path) enthält kein '\(marker)'.")
                }
            } else {
                problems.append("\(source.file):\(line(node)): '\(key)': \(path) ist keine PEM-Datei (-----BEGIN …).")
            }
            return path
        }
        if let path = pemFile("ca_file", expecting: "CERTIFICATE") { settings.caFile = path }
        if let path = pemFile("client_certificate", expecting: "CERTIFICATE") { settings.clientCertificate = path }
        if let path = pemFile("client_key", expecting: "PRIVATE KEY") { settings.clientKey = path }
        if let node = mapping["client_key_password_env"] {
            if let variable = node.string, let value = source.environment[variable] {
                settings.clientKeyPassword = value
            } else {
                problems.append("\(source.file):\(line(node)): Die Umgebungsvariable \(node.string ?? "") ist nicht gesetzt.")
            }
        }
        if let node = mapping["proxy"] {
            let text = node.string ?? ""
            if let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false {
                settings.proxy = text
            } else {
                problems.append("\(source.file):\(line(node)): 'proxy' muss eine http- oder https-URL sein, z. B. http://proxy.example:3128.")
            }
        }
        if let node = mapping["no_proxy"] {
            if let list = node.sequence {
                settings.noProxy = list.compactMap(\.string).joined(separator: ",")
            } else if let text = node.string {
                settings.noProxy = text
            } else {
                problems.append("\(source.file):\(line(node)): 'no_proxy' ist eine Liste von Hosts, z. B. [intranet.example, 10.0.0.0/8].")
            }
        }
        return settings
    }

    /// These settings made complete for one endpoint: with a proxy, `no_proxy` falls back to the
    /// `no_proxy` or `NO_PROXY` variable, else to none (the proxy for every host).
    func completed(environment: [String: String]) -> NetworkSettings {
        var settings = self
        if settings.proxy != nil, settings.noProxy == nil {
            settings.noProxy = environment["no_proxy"] ?? environment["NO_PROXY"] ?? ""
        }
        return settings
    }
}

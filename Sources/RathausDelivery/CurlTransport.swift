import CCurl
import Foundation

/// One libcurl easy handle that posts webhook requests; reused for the next request so that the
/// connection to the same receiver stays open (keep-alive).
///
/// Settings: no redirects (a 3xx is an answer like any other), TLS verification on, only https
/// (http only for loopback addresses or when allowed), connect and total timeouts, no signals,
/// at most 64 KiB of each response kept; per request the endpoint's CA, client certificate and
/// proxy (``NetworkSettings``). Not thread-safe: one per thread.
final class CurlTransport {
    /// What the receiver answered.
    struct Response: Sendable {
        /// The HTTP status.
        let status: Int
        /// The value of `Retry-After`, if any.
        let retryAfter: String?
        /// Up to 64 KiB of the body.
        let body: Data
    }

    /// A failure before a complete answer came: libcurl's code and message.
    struct Failure: Error, CustomStringConvertible {
        let code: Int
        let message: String
        var isTimeout: Bool { code == Int(CURLE_OPERATION_TIMEDOUT.rawValue) }
        var description: String { "curl \(code): \(message)" }

        /// A failure of `result`, with what the operator should check for TLS and proxy errors,
        /// then libcurl's detailed message (`detail`, from its error buffer) or its short one. A TLS
        /// connection sent `withoutClientCertificate` that the other side ends at once (TLS 1.3 tells
        /// a missing client certificate only after the handshake) is said to be that, probably.
        init(_ result: CURLcode, detail: String, withoutClientCertificate: Bool = false) {
            let text = detail.isEmpty ? String(cString: curl_easy_strerror(result)) : detail
            let hint: String? =
                switch result {
                case CURLE_PEER_FAILED_VERIFICATION: "Das Zertifikat der Stelle ist nicht von einer vertrauten CA signiert (ca_file prüfen)"
                case CURLE_SSL_CACERT_BADFILE: "Die CA-Datei ist unbrauchbar (ca_file prüfen)"
                case CURLE_SSL_CERTPROBLEM: "Client-Zertifikat oder Schlüssel unbrauchbar (client_certificate, client_key, Passwort prüfen)"
                case CURLE_SSL_CONNECT_ERROR: "TLS-Verbindung gescheitert (verlangt die Stelle ein Client-Zertifikat?)"
                case CURLE_COULDNT_RESOLVE_PROXY: "Der Proxy ist nicht auffindbar (proxy prüfen)"
                case _ where text.contains("certificate required"):
                    "Die Stelle verlangt ein Client-Zertifikat (client_certificate und client_key prüfen)"
                case CURLE_SEND_ERROR,
                    CURLE_RECV_ERROR where withoutClientCertificate:
                    "Die Stelle hat die TLS-Verbindung beendet (verlangt sie ein Client-Zertifikat?)"
                default: nil
                }
            self.init(code: Int(result.rawValue), message: hint.map { "\($0): \(text)" } ?? text)
        }

        /// A failure with this code and message.
        init(code: Int, message: String) {
            self.code = code
            self.message = message
        }
    }

    /// Bytes of a response body kept; the rest is read and dropped.
    static let bodyLimit = 64 * 1024

    private static let globalInit: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    private let handle: OpaquePointer
    private let connectTimeout: TimeInterval
    private let timeout: TimeInterval
    private let allowsHTTP: Bool

    /// A handle with these timeouts; `allowsHTTP` permits http:// for any host (else only loopback).
    init(connectTimeout: TimeInterval, timeout: TimeInterval, allowsHTTP: Bool) throws {
        guard Self.globalInit, let handle = curl_easy_init() else { throw Failure(code: -1, message: "libcurl konnte nicht starten") }
        self.handle = handle
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.allowsHTTP = allowsHTTP
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    /// Posts `body` to `url` with `headers` over `network`; throws ``Failure`` when no complete answer came.
    func post(_ url: URL, headers: [(String, String)], body: Data, network: NetworkSettings = NetworkSettings()) throws -> Response {
        guard CurlTransportRules.isAllowed(url, allowsHTTP: allowsHTTP) else {
            throw Failure(code: Int(CURLE_UNSUPPORTED_PROTOCOL.rawValue), message: "nur https (http nur für Loopback oder mit allow_http)")
        }
        curl_easy_reset(handle)
        var list = curl_slist_append(nil, "Expect:")  // no 100-continue round trip
        for (name, value) in headers { list = curl_slist_append(list, "\(name): \(value)") }
        defer { curl_slist_free_all(list) }
        let collector = Collector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        let protocols = allowsHTTP || url.scheme?.lowercased() == "http" ? "http,https" : "https"
        do {
            try check(rathaus_curl_setopt_string(handle, CURLOPT_URL, url.absoluteString))
            try check(rathaus_curl_setopt_long(handle, CURLOPT_POST, 1))
            try check(rathaus_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, body.count))
            try check(rathaus_curl_setopt_copied_bytes(handle, CURLOPT_COPYPOSTFIELDS, [UInt8](body)))
            try check(rathaus_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, list))
            try check(rathaus_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout * 1000)))
            try check(rathaus_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(timeout * 1000)))
            try check(rathaus_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0))
            try check(rathaus_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, protocols))
            try check(rathaus_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1))
            try check(rathaus_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2))
            try check(rathaus_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
            try apply(network)
            try check(
                rathaus_curl_setopt_write_function(
                    handle,
                    { data, size, count, context in
                        let collector = Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue()
                        let length = size * count
                        if collector.body.count < CurlTransport.bodyLimit, let data {
                            collector.body.append(Data(bytes: data, count: min(length, CurlTransport.bodyLimit - collector.body.count)))
                        }
                        return length
                    }))
            try check(rathaus_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context))
            try check(
                rathaus_curl_setopt_header_function(
                    handle,
                    { data, size, count, context in
                        let collector = Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue()
                        let length = size * count
                        if let data {
                            let line = String(decoding: Data(bytes: data, count: length), as: UTF8.self)
                            if line.lowercased().hasPrefix("retry-after:") {
                                collector.retryAfter = line.dropFirst("retry-after:".count).trimmingCharacters(in: .whitespacesAndNewlines)
                            }
                        }
                        return length
                    }))
            try check(rathaus_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context))
            // libcurl's detailed message of a failure (CURLOPT_ERRORBUFFER), for TLS and proxy errors.
            var message = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
            let result = rathaus_curl_perform_with_message(handle, &message)
            guard result == CURLE_OK else {
                let detail = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                throw Failure(
                    result, detail: detail.trimmingCharacters(in: .whitespacesAndNewlines),
                    withoutClientCertificate: url.scheme?.lowercased() == "https" && network.clientCertificate == nil)
            }
        }
        var status = 0
        _ = rathaus_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return Response(status: status, retryAfter: collector.retryAfter, body: collector.body)
    }

    /// Sets the endpoint's CA, client certificate and proxy; TLS verification stays on.
    private func apply(_ network: NetworkSettings) throws {
        if let caFile = network.caFile { try check(rathaus_curl_setopt_string(handle, CURLOPT_CAINFO, caFile)) }
        if let certificate = network.clientCertificate {
            try check(rathaus_curl_setopt_string(handle, CURLOPT_SSLCERT, certificate))
            try check(rathaus_curl_setopt_string(handle, CURLOPT_SSLCERTTYPE, "PEM"))
        }
        if let key = network.clientKey {
            try check(rathaus_curl_setopt_string(handle, CURLOPT_SSLKEY, key))
            try check(rathaus_curl_setopt_string(handle, CURLOPT_SSLKEYTYPE, "PEM"))
        }
        if let password = network.clientKeyPassword { try check(rathaus_curl_setopt_string(handle, CURLOPT_KEYPASSWD, password)) }
        if let proxy = network.proxy {
            try check(rathaus_curl_setopt_string(handle, CURLOPT_PROXY, proxy))
            // An empty list sends every host through the proxy, whatever no_proxy the process has.
            try check(rathaus_curl_setopt_string(handle, CURLOPT_NOPROXY, network.noProxy ?? ""))
        }
    }

    private func check(_ code: CURLcode) throws {
        guard code == CURLE_OK else { throw Failure(code: Int(code.rawValue), message: String(cString: curl_easy_strerror(code))) }
    }

    /// What the callbacks collect.
    private final class Collector {
        var body = Data()
        var retryAfter: String?
    }
}

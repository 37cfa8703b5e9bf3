import CCurl
import Foundation

/// Sends one plain-text e-mail through libcurl's SMTP support: STARTTLS required (or TLS from the
/// start, or nothing for a server on the same machine), TLS verification on, a login when the
/// settings have one, the subject encoded for its umlauts, the text as UTF-8 quoted-printable.
struct SMTPTransport {
    /// A failure: libcurl's code and message, with the server's last reply code when there was one.
    struct Failure: Error, CustomStringConvertible {
        let code: Int
        let message: String
        let serverReply: Int?
        var description: String { "smtp \(serverReply.map(String.init) ?? "-"), curl \(code): \(message)" }
    }

    let settings: SMTPSettings
    let connectTimeout: TimeInterval
    let timeout: TimeInterval

    /// Sends `body` with `subject` to `recipient`; `messageID` makes the Message-ID header.
    func send(to recipient: String, subject: String, body: String, messageID: String, date: Date = Date()) throws {
        guard let handle = curl_easy_init() else { throw Failure(code: -1, message: "libcurl konnte nicht starten", serverReply: nil) }
        defer { curl_easy_cleanup(handle) }
        let scheme = settings.security == .tls ? "smtps" : "smtp"
        let recipients = curl_slist_append(nil, "<\(recipient)>")
        defer { curl_slist_free_all(recipients) }
        var headers = curl_slist_append(nil, "Date: \(Self.dateFormat.string(from: date))")
        for header in [
            "From: \(settings.from)", "To: <\(recipient)>", "Subject: =?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?=",
            "Message-ID: <\(messageID)@rathaus>", "Auto-Submitted: auto-generated",
        ] {
            headers = curl_slist_append(headers, header)
        }
        defer { curl_slist_free_all(headers) }
        let mime = curl_mime_init(handle)
        defer { curl_mime_free(mime) }
        let part = curl_mime_addpart(mime)
        try check(curl_mime_data(part, body, body.utf8.count), handle)
        try check(curl_mime_type(part, "text/plain; charset=utf-8"), handle)
        try check(curl_mime_encoder(part, "quoted-printable"), handle)
        try check(rathaus_curl_setopt_string(handle, CURLOPT_URL, "\(scheme)://\(settings.host):\(settings.port)"), handle)
        try check(rathaus_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, scheme), handle)
        if settings.security == .starttls { try check(rathaus_curl_setopt_long(handle, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)), handle) }
        if let user = settings.user { try check(rathaus_curl_setopt_string(handle, CURLOPT_USERNAME, user), handle) }
        if let password = settings.password { try check(rathaus_curl_setopt_string(handle, CURLOPT_PASSWORD, password), handle) }
        try check(rathaus_curl_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(Self.address(in: settings.from))>"), handle)
        try check(rathaus_curl_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipients), handle)
        try check(rathaus_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headers), handle)
        try check(rathaus_curl_setopt_mime(handle, mime), handle)
        try check(rathaus_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout * 1000)), handle)
        try check(rathaus_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(timeout * 1000)), handle)
        try check(rathaus_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1), handle)
        try check(rathaus_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2), handle)
        try check(rathaus_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1), handle)
        try check(curl_easy_perform(handle), handle)
    }

    /// The bare address of "Stadt Musterstadt <rathaus@musterstadt.example>" or of a bare address.
    static func address(in text: String) -> String {
        guard let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close else { return text }
        return String(text[text.index(after: open)..<close])
    }

    private func check(_ code: CURLcode, _ handle: OpaquePointer) throws {
        guard code == CURLE_OK else {
            var reply = 0
            _ = rathaus_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &reply)
            throw Failure(code: Int(code.rawValue), message: String(cString: curl_easy_strerror(code)), serverReply: reply == 0 ? nil : reply)
        }
    }

    /// RFC 5322 dates, "Thu, 03 Dec 2026 09:12:40 +0000".
    private static let dateFormat: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter
    }()
}

import Crypto
import Foundation

/// Signs webhook requests as the Standard Webhooks specification says: `webhook-signature` is
/// `v1,` + base64 of HMAC-SHA256 over `id.timestamp.body`, keyed with the base64 part of a
/// `whsec_` secret; with several secrets (during a rotation) one signature per secret, space-separated.
public struct WebhookSigner: Sendable {
    /// A secret that is not `whsec_` followed by base64.
    public struct InvalidSecret: Error, CustomStringConvertible, Sendable {
        /// Why, without the secret itself.
        public let description: String
    }

    /// The decoded key bytes (a `SymmetricKey` is made for each signature: it is not Sendable).
    private let keys: [Data]

    /// A signer for `secrets` (each `whsec_` + base64); throws when one is malformed.
    public init(secrets: [String]) throws {
        guard !secrets.isEmpty else { throw InvalidSecret(description: "kein Schlüssel angegeben") }
        keys = try secrets.map { secret in
            let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
            guard let data = Data(base64Encoded: encoded), !data.isEmpty else {
                throw InvalidSecret(description: "ein Schlüssel ist nicht 'whsec_' gefolgt von Base64")
            }
            return data
        }
    }

    /// The `webhook-signature` header value for this message.
    public func signature(id: String, timestamp: Int, body: Data) -> String {
        var message = Data("\(id).\(timestamp).".utf8)
        message.append(body)
        return keys.map { key in
            "v1," + Data(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key))).base64EncodedString()
        }.joined(separator: " ")
    }
}

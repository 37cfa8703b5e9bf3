import Foundation

/// Checks a request signed as the Standard Webhooks specification says (the counterpart of
/// ``WebhookSigner``): `webhook-timestamp` within ``tolerance`` of now, and one of the
/// space-separated `v1,` signatures in `webhook-signature` equal to the HMAC-SHA256 over
/// `id.timestamp.body` with one of the secrets (several during a rotation).
public struct WebhookVerifier: Sendable {
    /// Why a request was not accepted.
    public enum Failure: Error, Sendable, Hashable {
        /// `webhook-id`, `webhook-timestamp` or `webhook-signature` is missing or malformed.
        case missingHeaders
        /// The timestamp is further from now than ``WebhookVerifier/tolerance``.
        case staleTimestamp
        /// No signature matches any secret.
        case badSignature
    }

    /// How far a timestamp may be from now, either way: five minutes, as the specification advises.
    public static let tolerance: TimeInterval = 300

    /// One signer per secret, so that each can be compared alone.
    private let signers: [WebhookSigner]

    /// A verifier for `secrets` (each `whsec_` + base64); throws when one is malformed.
    public init(secrets: [String]) throws {
        signers = try secrets.map { try WebhookSigner(secrets: [$0]) }
    }

    /// Returns normally when the request is signed with one of the secrets and its timestamp is fresh.
    public func verify(id: String?, timestamp: String?, signature: String?, body: Data, now: Date = Date()) throws(Failure) {
        guard let id, !id.isEmpty, let timestamp, let seconds = Int(timestamp), let signature else { throw .missingHeaders }
        guard abs(now.timeIntervalSince1970 - Double(seconds)) <= Self.tolerance else { throw .staleTimestamp }
        let offered = signature.split(separator: " ").map(String.init)
        let matches = signers.contains { signer in
            let expected = signer.signature(id: id, timestamp: seconds, body: body)
            return offered.contains { Self.constantTimeEqual($0, expected) }
        }
        guard matches else { throw .badSignature }
    }

    /// Compares two strings in time that depends on their length only.
    static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let left = Array(left.utf8), right = Array(right.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

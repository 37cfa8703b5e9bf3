import Crypto
import Foundation
import RathausCatalog

/// Access tokens of web conversations: 128 random bits, given to the client once; only their
/// SHA-256 is stored.
enum ConversationTokens {
    /// A new token: 128 random bits from the system's cryptographically secure generator,
    /// base64url without padding.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = Data((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        return bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The SHA-256 of `token`, hex.
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hexString
    }
}

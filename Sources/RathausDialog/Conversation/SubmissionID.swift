import Crypto
import Foundation
import RathausCatalog

/// The id of a submitted application, derived from what was confirmed rather than drawn at random:
/// the conversation, the form, how many applications the conversation had submitted before, and
/// the values. A server that stored the application and died before it stored the turn leaves the
/// conversation at the summary; when the citizen confirms again, the application has the same id,
/// and the store gives back its reference instead of keeping it twice. Changed values, or the same
/// form filed again after a confirmed submission, make another id.
enum SubmissionID {
    /// The id, formatted as a UUID (the first 16 bytes of a SHA-256, with the version and variant
    /// bits of a name-based UUID), so that departments see ids of one shape.
    static func make(conversation: String, form: String, earlierSubmissions: Int, data: [SubmittedApplication.Entry]) -> String {
        var text = "\(conversation)\n\(form)\n\(earlierSubmissions)"
        for entry in data { text += "\n\(entry.field)=\(canonical(entry.value))" }
        var bytes = Array(SHA256.hash(data: Data(text.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            )
        ).uuidString.lowercased()
    }

    /// A value as one stable text (JSON with sorted keys).
    private static func canonical(_ value: FieldValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
    }
}

import Foundation

/// A file a citizen sends because a department asked for it: accepted only as PDF, JPEG or PNG of
/// at most ``maximumBytes``, the type decided by the file's first bytes, never by its name.
public enum DocumentFile {
    /// The file types accepted.
    public enum MediaType: String, Sendable, Hashable, CaseIterable {
        /// `%PDF-`.
        case pdf = "application/pdf"
        /// `FF D8 FF`.
        case jpeg = "image/jpeg"
        /// The 8-byte PNG signature.
        case png = "image/png"

        /// The leading bytes that make a file of this type.
        var signature: [UInt8] {
            switch self {
            case .pdf: Array("%PDF-".utf8)
            case .jpeg: [0xFF, 0xD8, 0xFF]
            case .png: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            }
        }
    }

    /// The largest file accepted: 10 MiB.
    public static let maximumBytes = 10 * 1024 * 1024

    /// What is allowed, in one German sentence for every refusal.
    public static let allowed = "Erlaubt sind PDF, JPEG und PNG bis 10 MB."

    /// The type of `content`, or the German sentence why it is refused (empty, too large, another type).
    public static func check(_ content: Data) -> Result<MediaType, Refusal> {
        guard !content.isEmpty else { return .failure(Refusal(message: "Die Datei ist leer. \(allowed)")) }
        guard content.count <= maximumBytes else { return .failure(Refusal(message: "Die Datei ist zu groß. \(allowed)")) }
        guard let type = MediaType.allCases.first(where: { content.starts(with: $0.signature) }) else {
            return .failure(Refusal(message: "Diese Datei ist kein PDF, JPEG oder PNG. \(allowed)"))
        }
        return .success(type)
    }

    /// Why a file is not accepted, in German.
    public struct Refusal: Error, Sendable, Hashable {
        /// The sentence for the citizen.
        public let message: String
    }
}

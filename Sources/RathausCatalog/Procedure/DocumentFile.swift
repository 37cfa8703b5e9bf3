import Foundation

/// A file a citizen sends because a department asked for it or a form's `document` field asks for
/// it: accepted only as PDF, JPEG or PNG of at most ``maximumBytes``, the type decided by the file's first bytes, never by its name.
public enum DocumentFile {
    /// The file types accepted.
    public enum MediaType: String, Sendable, Hashable, CaseIterable {
        /// `%PDF-`.
        case pdf = "application/pdf"
        /// `FF D8 FF`.
        case jpeg = "image/jpeg"
        /// The 8-byte PNG signature.
        case png = "image/png"

        /// The type's name for citizens and in form files' `accept` ("PDF", "JPEG", "PNG").
        public var name: String {
            switch self {
            case .pdf: "PDF"
            case .jpeg: "JPEG"
            case .png: "PNG"
            }
        }

        /// The type named in a form file's `accept` (`pdf`, `jpeg` or `jpg`, `png`), nil for another.
        public init?(fileKeyword: String) {
            switch fileKeyword.lowercased() {
            case "pdf": self = .pdf
            case "jpeg", "jpg": self = .jpeg
            case "png": self = .png
            default: return nil
            }
        }

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
    public static let allowed = allowed(MediaType.allCases)

    /// What is allowed when only `types` are accepted: "Erlaubt sind JPEG und PNG bis 10 MB."
    public static func allowed(_ types: [MediaType]) -> String {
        "Erlaubt \(types.count == 1 ? "ist" : "sind") \(listed(types, joinedBy: "und")) bis 10 MB."
    }

    /// The type of `content`, or the German sentence why it is refused (empty, too large, a type
    /// not among `accepted`).
    public static func check(_ content: Data, accepting accepted: [MediaType] = MediaType.allCases) -> Result<MediaType, Refusal> {
        let rule = allowed(accepted)
        guard !content.isEmpty else { return .failure(Refusal(message: "Die Datei ist leer. \(rule)")) }
        guard content.count <= maximumBytes else { return .failure(Refusal(message: "Die Datei ist zu groß. \(rule)")) }
        guard let type = accepted.first(where: { content.starts(with: $0.signature) }) else {
            return .failure(Refusal(message: "Diese Datei ist kein \(listed(accepted, joinedBy: "oder")). \(rule)"))
        }
        return .success(type)
    }

    /// "PDF, JPEG und PNG" (with `joinedBy` "und" or "oder").
    private static func listed(_ types: [MediaType], joinedBy word: String) -> String {
        let names = types.map(\.name)
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " \(word) " + names.last!
    }

    /// Why a file is not accepted, in German.
    public struct Refusal: Error, Sendable, Hashable {
        /// The sentence for the citizen.
        public let message: String

        /// A refusal saying `message`.
        public init(message: String) {
            self.message = message
        }
    }
}

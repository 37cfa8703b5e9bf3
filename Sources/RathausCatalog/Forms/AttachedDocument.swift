/// A file a citizen sent as the answer to a form's `document` field: what the form, the summary
/// and the department's payload say about it. The content itself stays in the store.
public struct AttachedDocument: Sendable, Hashable, Codable {
    /// The stored file's id; after submission also the id (webhook id) of its delivery.
    public let id: String
    /// The field's label ("Foto des Baums").
    public let label: String
    /// `application/pdf`, `image/jpeg` or `image/png`, decided by the file's first bytes.
    public let mediaType: String
    /// The file's size in bytes.
    public let byteCount: Int
    /// The SHA-256 of the content, hex.
    public let sha256: String

    /// Creates the description of a stored file.
    public init(id: String, label: String, mediaType: String, byteCount: Int, sha256: String) {
        self.id = id
        self.label = label
        self.mediaType = mediaType
        self.byteCount = byteCount
        self.sha256 = sha256
    }

    /// How the summary shows it: "PNG-Datei, 12 KB".
    public var summary: String {
        let type = DocumentFile.MediaType(rawValue: mediaType)?.name ?? "Datei"
        let kilobytes = max(1, (byteCount + 1023) / 1024)
        let size = kilobytes < 1024 ? "\(kilobytes) KB" : String(format: "%.1f MB", Double(kilobytes) / 1024).replacingOccurrences(of: ".", with: ",")
        return "\(type)-Datei, \(size)"
    }
}

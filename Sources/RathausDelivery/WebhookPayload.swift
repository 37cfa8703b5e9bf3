import Crypto
import Foundation
import RathausCatalog
import RathausStore

/// The JSON body sent for an application: built only from what the outbox row stores, with sorted
/// keys, so that every attempt sends byte for byte the same body. A callback request whose citizen
/// agreed also carries `"transcript": [{"speaker": "citizen" or "assistant", "text"}, …]`; without
/// that consent the key is absent. `language` is the language the citizen applied in (`de`, `en`,
/// `de-x-ls`); the values in `data` are the same in every language.
///
/// ```json
/// {"data": {...}, "data_sha256": "…", "department": "abfallwirtschaft", "id": "…",
///  "reference": "MS-2026-000042", "schema": {"uri": "…/sperrmuell-anmelden/v1.json", "version": 1},
///  "service": {"id": "sperrmuell-anmelden", "leistungsschluessel": "…", "name": "…"},
///  "submitted_at": "2026-11-30T10:15:00Z", "type": "application.submitted", "language": "de"}
/// ```
public enum WebhookPayload {
    /// The event type.
    public static let type = "application.submitted"
    /// Where the JSON Schemas of the forms' data are published (see `rathaus schema`).
    public static let schemaBase = "https://schemas.rathaus.example/forms"

    /// The schema URI of a form version.
    public static func schemaURI(form: String, version: Int) -> String {
        "\(schemaBase)/\(form)/v\(version).json"
    }

    /// The event type of a document sent on request.
    public static let documentsType = "application.documents_submitted"

    /// The body for `item`: the application, or the document it carries.
    public static func body(for item: ConversationStore.OutboxItem) throws -> Data {
        if let document = item.document { return try documentsBody(document, of: item) }
        let dataBytes = Data(item.data.utf8)
        let data = try JSONSerialization.jsonObject(with: dataBytes)
        let digest = SHA256.hash(data: dataBytes).hexString
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var object: [String: Any] = [
            "type": type,
            "id": item.applicationID,
            "reference": item.reference,
            "submitted_at": formatter.string(from: item.submittedAt),
            "service": ["id": item.formID, "leistungsschluessel": item.serviceKey, "name": item.serviceName],
            "department": item.departmentID,
            "schema": ["uri": schemaURI(form: item.formID, version: item.schemaVersion), "version": item.schemaVersion],
            "data": data,
            "data_sha256": digest,
            "language": item.language,
        ]
        if let transcript = item.transcript {
            object["transcript"] = try JSONSerialization.jsonObject(with: Data(transcript.utf8))
        }
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// The body of a document sent on request: its metadata and its content in base64, with the
    /// application's id and reference (the webhook id is the document's id).
    ///
    /// ```json
    /// {"application_id": "…", "department": "bauverwaltung", "documents": [{"content_base64": "iVBOR…",
    ///  "id": "…", "label": "Foto des Baums", "media_type": "image/png", "requested_id": "foto",
    ///  "sha256": "…", "size": 48213, "uploaded_at": "…"}], "reference": "MS-2026-000042",
    ///  "type": "application.documents_submitted"}
    /// ```
    static func documentsBody(_ document: ConversationStore.StoredDocument, of item: ConversationStore.OutboxItem) throws -> Data {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let content = document.content else { throw MissingContent() }
        let object: [String: Any] = [
            "type": documentsType,
            "application_id": item.applicationID,
            "reference": item.reference,
            "department": item.departmentID,
            "documents": [
                [
                    "id": document.id, "requested_id": document.requestedID, "label": document.label, "media_type": document.mediaType,
                    "size": document.byteCount, "sha256": document.sha256, "uploaded_at": formatter.string(from: document.uploadedAt),
                    "content_base64": content.base64EncodedString(),
                ] as [String: Any]
            ],
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// A document whose content was purged before it could be delivered.
    struct MissingContent: Error {}
}

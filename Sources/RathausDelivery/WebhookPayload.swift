import Crypto
import Foundation
import RathausCatalog
import RathausStore

/// The JSON body sent for an application: built only from what the outbox row stores, with sorted
/// keys, so that every attempt sends byte for byte the same body.
///
/// ```json
/// {"data": {...}, "data_sha256": "…", "department": "abfallwirtschaft", "id": "…",
///  "reference": "MS-2026-000042", "schema": {"uri": "…/sperrmuell-anmelden/v1.json", "version": 1},
///  "service": {"id": "sperrmuell-anmelden", "leistungsschluessel": "…", "name": "…"},
///  "submitted_at": "2026-11-30T10:15:00Z", "type": "application.submitted"}
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

    /// The body for `item`.
    public static func body(for item: ConversationStore.OutboxItem) throws -> Data {
        let dataBytes = Data(item.data.utf8)
        let data = try JSONSerialization.jsonObject(with: dataBytes)
        let digest = SHA256.hash(data: dataBytes).hexString
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let object: [String: Any] = [
            "type": type,
            "id": item.applicationID,
            "reference": item.reference,
            "submitted_at": formatter.string(from: item.submittedAt),
            "service": ["id": item.formID, "leistungsschluessel": item.serviceKey, "name": item.serviceName],
            "department": item.departmentID,
            "schema": ["uri": schemaURI(form: item.formID, version: item.schemaVersion), "version": item.schemaVersion],
            "data": data,
            "data_sha256": digest,
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}

import Foundation
import RathausCatalog

/// The JSON Schema (draft 2020-12) of a form's `data` in the webhook payload, printed by
/// `rathaus schema FORM` so that a department can validate what it receives.
public enum FormSchema {
    /// The schema as a JSON object.
    public static func schema(for form: FormDefinition) -> [String: Any] {
        var properties: [String: Any] = [:]
        for field in form.fields {
            var property: [String: Any] = ["title": field.label, "description": field.prompt]
            switch field.kind {
            case .text(let minLength, let maxLength):
                property["type"] = "string"
                property["minLength"] = minLength
                property["maxLength"] = maxLength
            case .name, .streetAddress:
                property["type"] = "string"
            case .date:
                property["type"] = "string"
                property["format"] = "date"
            case .time:
                property["type"] = "string"
                property["pattern"] = "^[0-2][0-9]:[0-5][0-9]$"
            case .number(let minimum, let maximum, let integer, let unit):
                property["type"] = integer ? "integer" : "number"
                if let minimum { property["minimum"] = minimum }
                if let maximum { property["maximum"] = maximum }
                if let unit { property["description"] = "\(field.prompt) (\(unit))" }
            case .plz(let allowed):
                property["type"] = "string"
                if allowed.isEmpty { property["pattern"] = "^[0-9]{5}$" } else { property["enum"] = allowed }
            case .email:
                property["type"] = "string"
                property["format"] = "email"
            case .phone:
                property["type"] = "string"
                property["pattern"] = "^\\+49[0-9]{6,14}$"
            case .iban:
                property["type"] = "string"
                property["pattern"] = "^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$"
            case .choice(let options):
                property["type"] = "string"
                property["enum"] = options.map(\.id)
            case .yesNo:
                property["type"] = "boolean"
            case .document(let accepted):
                // The file itself follows as an `application.documents_submitted` webhook whose
                // document id is `document_id`.
                property["type"] = "object"
                property["properties"] = [
                    "document_id": ["type": "string"], "label": ["type": "string"],
                    "media_type": ["type": "string", "enum": accepted.map(\.rawValue)],
                    "size": ["type": "integer", "minimum": 1], "sha256": ["type": "string", "pattern": "^[0-9a-f]{64}$"],
                ]
                property["required"] = ["document_id", "label", "media_type", "size", "sha256"]
                property["additionalProperties"] = false
            }
            properties[field.id] = property
        }
        return [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": WebhookPayload.schemaURI(form: form.id, version: form.schemaVersion),
            "title": form.title,
            "type": "object",
            "properties": properties,
            // Conditional fields are present only when their condition held; optional ones may be missing.
            "required": form.fields.filter { $0.isRequired && $0.condition == nil }.map(\.id),
            "additionalProperties": false,
        ]
    }
}

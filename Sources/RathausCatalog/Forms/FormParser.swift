import Yams

/// Reads one form file (`Intents/formulare/<id>.yaml`) into a ``FormDefinition``, reporting every
/// problem with its line.
enum FormParser {
    static let formKeys = ["id", "title", "department", "schema_version", "purpose", "next_steps", "fields", "transcript_consent"]
    static let commonFieldKeys = ["id", "type", "label", "aliases", "prompt", "help", "required", "personal", "when"]
    static let typeKeys: [String: [String]] = [
        "text": ["min_length", "max_length"], "date": ["earliest", "latest"], "time": ["earliest", "latest"],
        "number": ["min", "max", "integer", "unit"], "plz": ["allowed"], "iban": ["countries"], "choice": ["options"],
        "document": ["accept"],
    ]

    /// The form in `node`, or nil when it is unusable (problems are in `reader`).
    static func parse(_ node: Node, _ reader: inout YAMLFieldReader) -> FormDefinition? {
        guard let root = reader.mapping(node, what: "Ein Formular") else { return nil }
        reader.rejectUnknownKeys(root, allowed: formKeys)
        let rootLine = reader.line(of: node)
        let id = IDRules.fileID(root, &reader, rootLine: rootLine)
        let title = reader.string(root, "title", required: true, parentLine: rootLine)
        let department = reader.string(root, "department", required: true, parentLine: rootLine)
        let purpose = reader.string(root, "purpose", required: true, parentLine: rootLine)
        let nextSteps = reader.string(root, "next_steps", required: true, parentLine: rootLine)
        let versionText = reader.string(root, "schema_version", required: true, parentLine: rootLine)
        let version = versionText.flatMap(Int.init)
        if let versionText, version == nil || version! < 1 {
            reader.report(
                .invalidValue, line: reader.line(of: root["schema_version"]), "'schema_version: \(versionText)' ist keine ganze Zahl ab 1.",
                fix: "Schreiben Sie z. B. 'schema_version: 1' und erhöhen Sie die Zahl, wenn sich die Felder ändern.")
        }
        var fields: [FormField] = []
        if let list = root["fields"], list.null == nil {
            if let sequence = list.sequence {
                for item in sequence {
                    guard let field = parseField(item, earlier: fields, &reader) else { continue }
                    if fields.contains(where: { $0.id == field.id }) {
                        reader.report(
                            .duplicateID, line: reader.line(of: item), "Das Feld '\(field.id)' gibt es in diesem Formular schon.",
                            fix: "Geben Sie jedem Feld eine eigene id.")
                        continue
                    }
                    fields.append(field)
                }
                if sequence.count == 0 {
                    reader.report(
                        .missingField, line: reader.line(of: list), "Das Formular hat keine Felder.",
                        fix: "Tragen Sie unter 'fields:' mindestens ein Feld ein.")
                }
            } else {
                reader.report(
                    .wrongType, line: reader.line(of: list), "'fields' muss eine Liste sein.", fix: "Beginnen Sie jedes Feld mit '- id: …'.")
            }
        } else {
            reader.report(
                .missingField, line: rootLine, "Das Pflichtfeld 'fields' fehlt oder ist leer.",
                fix: "Tragen Sie unter 'fields:' die Felder des Formulars ein.")
        }
        let consent = transcriptConsent(root, fields: fields, &reader)
        guard let id, let title, let department, let purpose, let nextSteps, let version, !fields.isEmpty else { return nil }
        return FormDefinition(
            id: id, title: title, department: department, schemaVersion: version, purpose: purpose,
            nextSteps: nextSteps, fields: fields, transcriptConsentField: consent, source: SourceLocation(file: reader.file, line: rootLine))
    }

    /// `transcript_consent: FIELD`: the id of a yes/no field of the form, whose "ja" sends the
    /// conversation's transcript with the application.
    private static func transcriptConsent(_ root: Node.Mapping, fields: [FormField], _ reader: inout YAMLFieldReader) -> String? {
        guard let fieldID = reader.string(root, "transcript_consent", required: false, parentLine: 1) else { return nil }
        guard fields.contains(where: { $0.id == fieldID && $0.kind == .yesNo }) else {
            let yesNoFields = fields.filter { $0.kind == .yesNo }.map(\.id)
            reader.report(
                .invalidValue, line: reader.line(of: root["transcript_consent"]),
                "'transcript_consent: \(fieldID)' nennt kein Ja/Nein-Feld dieses Formulars.",
                fix: yesNoFields.isEmpty
                    ? "Legen Sie ein Feld mit 'type: yes_no' an und nennen Sie seine id."
                    : "Nennen Sie eines dieser Felder: \(yesNoFields.joined(separator: ", ")).")
            return nil
        }
        return fieldID
    }

    /// One field; `earlier` are the fields before it (conditions may refer only to them).
    private static func parseField(_ node: Node, earlier: [FormField], _ reader: inout YAMLFieldReader) -> FormField? {
        guard let mapping = reader.mapping(node, what: "Ein Feld") else { return nil }
        let line = reader.line(of: node)
        let type = reader.string(mapping, "type", required: true, parentLine: line)
        let typeLine = reader.line(of: mapping["type"])
        if let type, !FieldKind.typeNames.contains(type) {
            let suggestion = YAMLFieldReader.closest(to: type, in: FieldKind.typeNames).map { "Meinten Sie '\($0)'? " } ?? ""
            reader.report(
                .invalidValue, line: typeLine, "Unbekannter Feldtyp '\(type)'.",
                fix: "\(suggestion)Erlaubt sind: \(FieldKind.typeNames.joined(separator: ", ")).")
        }
        reader.rejectUnknownKeys(mapping, allowed: commonFieldKeys + (type.flatMap { typeKeys[$0] } ?? []))
        let id = reader.string(mapping, "id", required: true, parentLine: line)
        if let id, !isValidFieldID(id) {
            reader.report(
                .invalidValue, line: reader.line(of: mapping["id"]), "Die Feld-id '\(id)' enthält unerlaubte Zeichen.",
                fix: "Verwenden Sie Kleinbuchstaben ohne Umlaute, Ziffern und Unterstriche, z. B. 'abhol_datum'.")
        }
        let label = reader.string(mapping, "label", required: true, parentLine: line)
        let prompt = reader.string(mapping, "prompt", required: true, parentLine: line)
        let help = reader.string(mapping, "help", required: true, parentLine: line)
        let aliases = reader.stringList(mapping, "aliases", required: false, parentLine: line)
        let required = flag(mapping, "required", &reader) ?? true
        let personal = flag(mapping, "personal", &reader)
        guard let type, FieldKind.typeNames.contains(type), let kind = kind(type, mapping, line: line, &reader) else { return nil }
        let condition = mapping["when"].flatMap { parseCondition($0, earlier: earlier, &reader) }
        if mapping["when"] != nil, condition == nil { return nil }
        guard let id, isValidFieldID(id), let label, let prompt, let help else { return nil }
        return FormField(
            id: id, kind: kind, label: label, aliases: aliases, prompt: prompt, help: help,
            isRequired: required, isPersonal: personal, condition: condition)
    }

    private static func isValidFieldID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// The kind of field `type` with its constraints.
    private static func kind(_ type: String, _ mapping: Node.Mapping, line: Int, _ reader: inout YAMLFieldReader) -> FieldKind? {
        switch type {
        case "text":
            let minLength = integer(mapping, "min_length", &reader) ?? 1
            let maxLength = integer(mapping, "max_length", &reader) ?? 500
            guard minLength <= maxLength else {
                reader.report(
                    .invalidValue, line: reader.line(of: mapping["min_length"]), "'min_length' ist größer als 'max_length'.",
                    fix: "Tauschen Sie die beiden Werte.")
                return nil
            }
            return .text(minLength: minLength, maxLength: maxLength)
        case "name": return .name
        case "date":
            return .date(earliest: bound(mapping, "earliest", &reader), latest: bound(mapping, "latest", &reader))
        case "time":
            return .time(earliest: time(mapping, "earliest", &reader), latest: time(mapping, "latest", &reader))
        case "number":
            let unit = reader.string(mapping, "unit", required: false, parentLine: line)
            return .number(
                min: decimal(mapping, "min", &reader), max: decimal(mapping, "max", &reader),
                integer: flag(mapping, "integer", &reader) ?? false, unit: unit)
        case "plz":
            let allowed = reader.stringList(mapping, "allowed", required: false, parentLine: line)
            for code in allowed where code.count != 5 || !code.allSatisfy(\.isNumber) {
                reader.report(
                    .invalidValue, line: reader.line(of: mapping["allowed"]), "'\(code)' ist keine Postleitzahl mit 5 Ziffern.",
                    fix: "Schreiben Sie die Postleitzahlen in Anführungszeichen, z. B. allowed: [\"12345\"].")
            }
            return .plz(allowed: allowed)
        case "street_address": return .streetAddress
        case "email": return .email
        case "phone": return .phone
        case "iban": return .iban(countries: reader.stringList(mapping, "countries", required: false, parentLine: line).map { $0.uppercased() })
        case "choice":
            guard let options = mapping["options"], let sequence = options.sequence, sequence.count >= 2 else {
                reader.report(
                    .missingField, line: reader.line(of: mapping["options"]) == 1 ? line : reader.line(of: mapping["options"]),
                    "Ein Auswahlfeld braucht unter 'options' mindestens zwei Möglichkeiten.",
                    fix: "Schreiben Sie z. B. options: [{id: moebel, label: Möbel}, {id: elektro, label: Elektrogeräte}].")
                return nil
            }
            var parsed: [ChoiceOption] = []
            for item in sequence {
                guard let option = reader.mapping(item, what: "Eine Möglichkeit in 'options'") else { continue }
                reader.rejectUnknownKeys(option, allowed: ["id", "label", "synonyms"])
                let itemLine = reader.line(of: item)
                guard let id = reader.string(option, "id", required: true, parentLine: itemLine),
                    let label = reader.string(option, "label", required: true, parentLine: itemLine)
                else { continue }
                if parsed.contains(where: { $0.id == id }) {
                    reader.report(
                        .duplicateID, line: itemLine, "Die Möglichkeit '\(id)' gibt es schon.", fix: "Geben Sie jeder Möglichkeit eine eigene id.")
                    continue
                }
                parsed.append(
                    ChoiceOption(id: id, label: label, synonyms: reader.stringList(option, "synonyms", required: false, parentLine: itemLine)))
            }
            return parsed.count >= 2 ? .choice(parsed) : nil
        case "yes_no": return .yesNo
        case "document":
            let keywords = reader.stringList(mapping, "accept", required: false, parentLine: line)
            var accepted: [DocumentFile.MediaType] = []
            for keyword in keywords {
                guard let type = DocumentFile.MediaType(fileKeyword: keyword) else {
                    reader.report(
                        .invalidValue, line: reader.line(of: mapping["accept"]), "'\(keyword)' ist kein Dateityp, den Rathaus annimmt.",
                        fix: "Möglich sind pdf, jpeg und png, z. B. accept: [jpeg, png]; ohne 'accept' gelten alle drei.")
                    return nil
                }
                if !accepted.contains(type) { accepted.append(type) }
            }
            return .document(accepted: accepted.isEmpty ? DocumentFile.MediaType.allCases : accepted)
        default: return nil
        }
    }

    /// `when: {field: ID, equals: VALUE}` or `{field: ID, one_of: [...]}`.
    private static func parseCondition(_ node: Node, earlier: [FormField], _ reader: inout YAMLFieldReader) -> FieldCondition? {
        guard let mapping = reader.mapping(node, what: "'when'") else { return nil }
        reader.rejectUnknownKeys(mapping, allowed: ["field", "equals", "one_of"])
        let line = reader.line(of: node)
        guard let fieldID = reader.string(mapping, "field", required: true, parentLine: line) else { return nil }
        guard let target = earlier.first(where: { $0.id == fieldID }) else {
            reader.report(
                .invalidValue, line: reader.line(of: mapping["field"]),
                "Die Bedingung bezieht sich auf '\(fieldID)', das kein früheres Feld dieses Formulars ist.",
                fix: "Nennen Sie die id eines Feldes, das weiter oben steht: \(earlier.map(\.id).joined(separator: ", ")).")
            return nil
        }
        if case .document = target.kind {
            reader.report(
                .invalidValue, line: reader.line(of: mapping["field"]),
                "Die Bedingung bezieht sich auf das Dokumentfeld '\(fieldID)'; eine Datei hat keinen Wert, den man vergleichen kann.",
                fix: "Machen Sie die Bedingung an einem Ja/Nein- oder Auswahlfeld fest.")
            return nil
        }
        var values = reader.stringList(mapping, "one_of", required: false, parentLine: line)
        if let equals = reader.string(mapping, "equals", required: false, parentLine: line) { values.append(equals) }
        guard !values.isEmpty else {
            reader.report(.missingField, line: line, "Die Bedingung braucht 'equals' oder 'one_of'.", fix: "Schreiben Sie z. B. 'equals: true'.")
            return nil
        }
        let allowed: [String]? =
            switch target.kind {
            case .yesNo: ["true", "false"]
            case .choice(let options): options.map(\.id)
            default: nil
            }
        if let allowed, let wrong = values.first(where: { !allowed.contains($0) }) {
            reader.report(
                .invalidValue, line: line, "'\(wrong)' ist kein möglicher Wert des Feldes '\(fieldID)'.",
                fix: "Möglich sind: \(allowed.joined(separator: ", ")).")
            return nil
        }
        return FieldCondition(field: fieldID, values: values)
    }

    private static func flag(_ mapping: Node.Mapping, _ key: String, _ reader: inout YAMLFieldReader) -> Bool? {
        guard let text = reader.string(mapping, key, required: false, parentLine: 1) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "ja": return true
        case "false", "no", "nein": return false
        default:
            reader.report(
                .invalidValue, line: reader.line(of: mapping[key]), "'\(key): \(text)' ist weder true noch false.",
                fix: "Schreiben Sie '\(key): true' oder '\(key): false'.")
            return nil
        }
    }

    /// An optional value of `key` read by `parse`; a text it cannot read is reported with `what`
    /// it should have been and an example.
    private static func value<Value>(
        _ mapping: Node.Mapping, _ key: String, _ reader: inout YAMLFieldReader,
        what: String, example: String, parse: (String) -> Value?
    ) -> Value? {
        guard let text = reader.string(mapping, key, required: false, parentLine: 1) else { return nil }
        guard let value = parse(text) else {
            reader.report(.invalidValue, line: reader.line(of: mapping[key]), "'\(key): \(text)' ist \(what).", fix: "Schreiben Sie \(example).")
            return nil
        }
        return value
    }

    private static func integer(_ mapping: Node.Mapping, _ key: String, _ reader: inout YAMLFieldReader) -> Int? {
        value(mapping, key, &reader, what: "keine ganze Zahl", example: "z. B. '\(key): 3'") { Int($0).flatMap { $0 >= 0 ? $0 : nil } }
    }

    private static func decimal(_ mapping: Node.Mapping, _ key: String, _ reader: inout YAMLFieldReader) -> Double? {
        value(mapping, key, &reader, what: "keine Zahl", example: "z. B. '\(key): 0.5' (mit Punkt)") { Double($0) }
    }

    private static func bound(_ mapping: Node.Mapping, _ key: String, _ reader: inout YAMLFieldReader) -> DateBound? {
        value(
            mapping, key, &reader, what: "kein Datum",
            example: "'today', 'today+14d', 'today-18y' (d, w, m, y) oder ein Datum wie 2027-12-31", parse: DateBound.init)
    }

    private static func time(_ mapping: Node.Mapping, _ key: String, _ reader: inout YAMLFieldReader) -> TimeOfDay? {
        value(mapping, key, &reader, what: "keine Uhrzeit", example: "die Uhrzeit in Anführungszeichen, z. B. \"07:00\"", parse: TimeOfDay.init)
    }
}

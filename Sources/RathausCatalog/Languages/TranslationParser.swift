import Foundation
import Yams

/// Reads the translation files (`*.en.yaml`, `*.ls.yaml`) beside the German catalogue files into
/// the parts of a ``CatalogTranslation``, reporting every problem with its line. Whether a
/// translation fits its German file is checked afterwards (``TranslationCrossCheck``).
enum TranslationParser {
    /// One text of a translation and its line, for the checks of Leichte Sprache.
    struct Text: Sendable {
        let text: String
        let line: Int
    }

    /// What one translation file held.
    enum Content: Sendable {
        case service(id: String, CatalogTranslation.Service)
        case department(id: String, CatalogTranslation.Department)
        case referral(id: String, CatalogTranslation.Referral)
        case intents([String: CatalogTranslation.IntentText], outOfScope: [String], synonyms: [String: [String]])
        case form(id: String, CatalogTranslation.Form)
        case dialog([String: String])
    }

    /// A parsed file: what it holds, its language, the lines of its keys and every text in it.
    struct Parsed: Sendable {
        let content: Content
        let language: Language
        /// The line of each list or text, by key (`kosten`, `fields.name`, `fields.art.options.neu`).
        let lines: [String: Int]
        /// Every text written in the file, with its line.
        let texts: [Text]
    }

    static let serviceKeys = [
        "id", "leistungsbezeichnung", "synonyme", "kurztext", "volltext", "erforderliche_unterlagen", "voraussetzungen",
        "kosten", "bearbeitungsdauer", "fristen", "verfahrensablauf", "hinweise", "formulare", "onlinedienst",
    ]
    static let departmentKeys = ["id", "name", "namen", "oeffnungszeiten_hinweise"]
    static let referralKeys = ["id", "name", "zustaendig_fuer", "hinweis", "stichwoerter", "beispiele"]
    static let formKeys = ["id", "title", "purpose", "next_steps", "fields"]
    static let fieldKeys = ["id", "label", "prompt", "help", "aliases", "unit", "options"]

    /// The kind of German file a translation stands beside.
    enum Kind: Sendable {
        case service, department, referral, intents, form
    }

    /// Reads the translation in `node`, written in `language`, of a German file of `kind`.
    static func parse(_ node: Node, kind: Kind, language: Language, _ reader: inout YAMLFieldReader) -> Parsed? {
        guard let root = reader.mapping(node, what: "Eine Übersetzung") else { return nil }
        var file = FileReading(root: root, rootLine: reader.line(of: node))
        let content: Content?
        switch kind {
        case .service: content = file.service(&reader)
        case .department: content = file.department(&reader)
        case .referral: content = file.referral(&reader)
        case .intents where URL(fileURLWithPath: reader.file).lastPathComponent.hasPrefix("dialog."): content = file.dialog(&reader)
        case .intents: content = file.intents(&reader)
        case .form: content = file.form(&reader)
        }
        return content.map { Parsed(content: $0, language: language, lines: file.lines, texts: file.texts) }
    }

    /// The reading of one file: remembers every text and the line of every key it reads.
    private struct FileReading {
        let root: Node.Mapping
        let rootLine: Int
        var lines: [String: Int] = [:]
        var texts: [Text] = []

        init(root: Node.Mapping, rootLine: Int) {
            self.root = root
            self.rootLine = rootLine
        }

        /// The file's `id`, which must equal its name without the language suffix.
        mutating func id(_ reader: inout YAMLFieldReader) -> String? {
            guard let id = reader.string(root, "id", required: true, parentLine: rootLine) else { return nil }
            let name = URL(fileURLWithPath: reader.file).lastPathComponent
            let expected = name.split(separator: ".").first.map(String.init) ?? name
            if id != expected {
                reader.report(
                    .idMismatch, line: reader.line(of: root["id"]), "Die id '\(id)' passt nicht zum Dateinamen '\(name)'.",
                    fix: "Schreiben Sie 'id: \(expected)', die id der deutschen Datei daneben.")
            }
            return id
        }

        mutating func text(_ mapping: Node.Mapping, _ key: String, path: String? = nil, _ reader: inout YAMLFieldReader) -> String? {
            guard let value = reader.string(mapping, key, required: false, parentLine: rootLine) else { return nil }
            let line = reader.line(of: mapping[key])
            lines[path ?? key] = line
            texts.append(Text(text: value, line: line))
            return value
        }

        mutating func list(_ mapping: Node.Mapping, _ key: String, path: String? = nil, _ reader: inout YAMLFieldReader) -> [String]? {
            guard mapping[key] != nil else { return nil }
            let items = reader.stringList(mapping, key, required: false, parentLine: rootLine)
            lines[path ?? key] = reader.line(of: mapping[key])
            if let sequence = mapping[key]?.sequence {
                for item in sequence { if let value = item.scalar?.string { texts.append(Text(text: value, line: reader.line(of: item))) } }
            } else {
                texts += items.map { Text(text: $0, line: reader.line(of: mapping[key])) }
            }
            return items
        }

        /// Words for understanding: not prose, so not checked as Leichte Sprache.
        func words(_ mapping: Node.Mapping, _ key: String, _ reader: inout YAMLFieldReader) -> [String] {
            reader.stringList(mapping, key, required: false, parentLine: rootLine)
        }

        mutating func service(_ reader: inout YAMLFieldReader) -> Content? {
            reader.rejectUnknownKeys(root, allowed: serviceKeys)
            guard let id = id(&reader) else { return nil }
            var service = CatalogTranslation.Service(source: SourceLocation(file: reader.file, line: reader.line(of: root["id"])))
            service.name = text(root, "leistungsbezeichnung", &reader)
            service.synonyms = words(root, "synonyme", &reader)
            service.summary = text(root, "kurztext", &reader)
            service.fullText = text(root, "volltext", &reader)
            service.requiredDocuments = list(root, "erforderliche_unterlagen", &reader)
            service.requirements = list(root, "voraussetzungen", &reader)
            service.costs = list(root, "kosten", &reader)
            service.processingTime = text(root, "bearbeitungsdauer", &reader)
            service.deadlines = list(root, "fristen", &reader)
            service.procedure = list(root, "verfahrensablauf", &reader)
            service.notes = list(root, "hinweise", &reader)
            service.formNames = list(root, "formulare", &reader)
            service.onlineServiceName = text(root, "onlinedienst", &reader)
            return .service(id: id, service)
        }

        mutating func department(_ reader: inout YAMLFieldReader) -> Content? {
            reader.rejectUnknownKeys(root, allowed: departmentKeys)
            guard let id = id(&reader) else { return nil }
            var department = CatalogTranslation.Department()
            department.name = text(root, "name", &reader)
            department.names = words(root, "namen", &reader)
            department.hints = list(root, "oeffnungszeiten_hinweise", &reader)
            return .department(id: id, department)
        }

        mutating func referral(_ reader: inout YAMLFieldReader) -> Content? {
            reader.rejectUnknownKeys(root, allowed: referralKeys)
            guard let id = id(&reader) else { return nil }
            var referral = CatalogTranslation.Referral()
            referral.name = text(root, "name", &reader)
            referral.responsibleFor = text(root, "zustaendig_fuer", &reader)
            referral.note = text(root, "hinweis", &reader)
            referral.keywords = words(root, "stichwoerter", &reader)
            referral.examples = words(root, "beispiele", &reader)
            return .referral(id: id, referral)
        }

        mutating func intents(_ reader: inout YAMLFieldReader) -> Content? {
            reader.rejectUnknownKeys(root, allowed: IntentFileParser.fileFields)
            var intents: [String: CatalogTranslation.IntentText] = [:]
            if let sequence = root["intents"]?.sequence {
                for item in sequence {
                    guard let mapping = reader.mapping(item, what: "Ein Intent") else { continue }
                    reader.rejectUnknownKeys(mapping, allowed: IntentFileParser.intentFields)
                    guard let id = reader.string(mapping, "id", required: true, parentLine: reader.line(of: item)) else { continue }
                    lines["intents.\(id)"] = reader.line(of: mapping["id"])
                    var intent = CatalogTranslation.IntentText()
                    intent.examples = words(mapping, "examples", &reader)
                    intent.answer = text(mapping, "answer", path: "intents.\(id).answer", &reader)
                    intents[id] = intent
                }
            }
            var synonyms: [String: [String]] = [:]
            if let mapping = root["synonyms"]?.mapping {
                for (key, value) in mapping {
                    guard let word = key.scalar?.string else { continue }
                    synonyms[word, default: []] += value.scalar.map { [$0.string] } ?? value.sequence?.compactMap { $0.scalar?.string } ?? []
                }
            }
            return .intents(intents, outOfScope: words(root, "out_of_scope", &reader), synonyms: synonyms)
        }

        mutating func dialog(_ reader: inout YAMLFieldReader) -> Content? {
            let keys = DialogText.allCases.map(\.rawValue)
            reader.rejectUnknownKeys(root, allowed: keys)
            var texts: [String: String] = [:]
            for key in keys {
                if let value = text(root, key, &reader) { texts[key] = value }
            }
            return .dialog(texts)
        }

        mutating func form(_ reader: inout YAMLFieldReader) -> Content? {
            reader.rejectUnknownKeys(root, allowed: formKeys)
            guard let id = id(&reader) else { return nil }
            var form = CatalogTranslation.Form()
            form.title = text(root, "title", &reader)
            form.purpose = text(root, "purpose", &reader)
            form.nextSteps = text(root, "next_steps", &reader)
            for item in root["fields"]?.sequence ?? [] {
                guard let mapping = reader.mapping(item, what: "Ein Feld") else { continue }
                reader.rejectUnknownKeys(mapping, allowed: fieldKeys)
                guard let fieldID = reader.string(mapping, "id", required: true, parentLine: reader.line(of: item)) else { continue }
                let path = "fields.\(fieldID)"
                lines[path] = reader.line(of: mapping["id"])
                var field = CatalogTranslation.Field()
                field.label = text(mapping, "label", path: path + ".label", &reader)
                field.prompt = text(mapping, "prompt", path: path + ".prompt", &reader)
                field.help = text(mapping, "help", path: path + ".help", &reader)
                field.aliases = words(mapping, "aliases", &reader)
                field.unit = reader.string(mapping, "unit", required: false, parentLine: rootLine)
                for option in mapping["options"]?.sequence ?? [] {
                    guard let optionMapping = reader.mapping(option, what: "Eine Auswahl") else { continue }
                    reader.rejectUnknownKeys(optionMapping, allowed: ["id", "label", "synonyms"])
                    guard let optionID = reader.string(optionMapping, "id", required: true, parentLine: reader.line(of: option)) else { continue }
                    lines["\(path).options.\(optionID)"] = reader.line(of: optionMapping["id"])
                    field.options[optionID] = CatalogTranslation.Option(
                        label: text(optionMapping, "label", path: "\(path).options.\(optionID).label", &reader),
                        synonyms: words(optionMapping, "synonyms", &reader))
                }
                form.fields[fieldID] = field
            }
            return .form(id: id, form)
        }
    }
}

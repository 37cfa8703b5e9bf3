import Yams

/// Turns a referral file (`Knowledge/verweise/<id>.yaml`) into a ``Referral``.
enum ReferralParser {
    static let fields = ["id", "name", "zustaendig_fuer", "telefon", "website", "hinweis", "stichwoerter", "beispiele"]
    /// Fewest examples a referral needs to be recognised reliably.
    static let minimumExamples = 5

    static func parse(_ node: Node, _ reader: inout YAMLFieldReader) -> Referral? {
        guard let root = reader.mapping(node, what: "Ein Verweis") else { return nil }
        reader.rejectUnknownKeys(root, allowed: fields)
        let rootLine = reader.line(of: node)
        let id = IDRules.fileID(root, &reader, rootLine: rootLine)
        let name = reader.string(root, "name", required: true, parentLine: rootLine)
        let responsibleFor = reader.string(root, "zustaendig_fuer", required: true, parentLine: rootLine)
        let phone = reader.string(root, "telefon", required: false, parentLine: rootLine)
        let website = reader.string(root, "website", required: false, parentLine: rootLine)
        let note = reader.string(root, "hinweis", required: false, parentLine: rootLine)
        let examples = reader.stringList(root, "beispiele", required: true, parentLine: rootLine)
        let keywords = reader.stringList(root, "stichwoerter", required: false, parentLine: rootLine)
        if let website, !website.hasPrefix("https://"), !website.hasPrefix("http://") {
            reader.report(
                .invalidValue, line: reader.line(of: root["website"]), "'\(website)' ist keine Internetadresse.",
                fix: "Schreiben Sie die Adresse mit https://, z. B. https://www.arbeitsagentur.de.")
        }
        if !examples.isEmpty, examples.count < minimumExamples {
            reader.report(
                .invalidValue, line: reader.line(of: root["beispiele"]),
                "Der Verweis hat nur \(examples.count) Beispiele; er braucht mindestens \(minimumExamples).",
                fix: "Ergänzen Sie Fragen, wie Bürgerinnen und Bürger sie stellen.")
        }
        guard let id, let name, let responsibleFor, !examples.isEmpty else { return nil }
        return Referral(
            id: id, name: name, responsibleFor: responsibleFor, phone: phone, website: website, note: note, examples: examples,
            keywords: keywords, source: SourceLocation(file: reader.file, line: reader.line(of: root["id"])))
    }
}

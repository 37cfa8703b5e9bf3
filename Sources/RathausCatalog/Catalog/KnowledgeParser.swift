import Foundation
import Yams

/// Turns a knowledge file (`Knowledge/<id>.yaml`, FIM/LeiKa field names) into a ``KnowledgeEntry``.
enum KnowledgeParser {
    static let fields = [
        "id", "leistungsschluessel", "leistungsbezeichnung", "synonyme", "kurztext", "volltext",
        "erforderliche_unterlagen", "voraussetzungen", "kosten", "bearbeitungsdauer", "fristen",
        "verfahrensablauf", "formulare", "onlinedienst", "rechtsgrundlagen", "hinweise", "zustaendige_stelle",
    ]

    /// A parsed entry with the places that cross-checks point to.
    struct Parsed: Sendable {
        let entry: KnowledgeEntry
        /// The line of `id`.
        let location: SourceLocation
        /// The line of `zustaendige_stelle`.
        let departmentLine: Int
    }

    static func parse(_ node: Node, _ reader: inout YAMLFieldReader) -> Parsed? {
        guard let root = reader.mapping(node, what: "Ein Wissenseintrag") else { return nil }
        reader.rejectUnknownKeys(root, allowed: fields)
        let line = reader.line(of: node)
        let id = IDRules.fileID(root, &reader, rootLine: line)
        let key = reader.string(root, "leistungsschluessel", required: true, parentLine: line)
        if let key, !isValidServiceKey(key) {
            reader.report(
                .invalidValue, line: reader.line(of: root["leistungsschluessel"]),
                "Der Leistungsschlüssel '\(key)' ist weder ein 14-stelliger LeiKa-Schlüssel noch ein lokaler Schlüssel.",
                fix: "Schreiben Sie 14 Ziffern in Anführungszeichen (z. B. \"99102011001000\") oder \"local:musterstadt:\(id ?? "name")\".")
        }
        let name = reader.string(root, "leistungsbezeichnung", required: true, parentLine: line)
        let summary = reader.string(root, "kurztext", required: true, parentLine: line)
        let department = reader.string(root, "zustaendige_stelle", required: true, parentLine: line)
        let forms = links(root, "formulare", &reader)
        var online: KnowledgeEntry.Link?
        if let onlineNode = root["onlinedienst"], onlineNode.null == nil {
            online = reader.link(onlineNode, field: "onlinedienst")
        }
        let entry = KnowledgeEntry(
            id: id ?? "", serviceKey: key ?? "", name: name ?? "",
            synonyms: reader.stringList(root, "synonyme", required: false, parentLine: line),
            summary: summary ?? "",
            fullText: reader.string(root, "volltext", required: false, parentLine: line),
            requiredDocuments: reader.stringList(root, "erforderliche_unterlagen", required: false, parentLine: line),
            requirements: reader.stringList(root, "voraussetzungen", required: false, parentLine: line),
            costs: reader.stringList(root, "kosten", required: false, parentLine: line),
            processingTime: reader.string(root, "bearbeitungsdauer", required: false, parentLine: line),
            deadlines: reader.stringList(root, "fristen", required: false, parentLine: line),
            procedure: reader.stringList(root, "verfahrensablauf", required: false, parentLine: line),
            forms: forms,
            onlineService: online,
            legalBases: reader.stringList(root, "rechtsgrundlagen", required: false, parentLine: line),
            notes: reader.stringList(root, "hinweise", required: false, parentLine: line),
            departmentID: department ?? ""
        )
        // Returned even when required fields are missing, so that cross-checks still run; the
        // missing fields are already reported, and a catalogue with problems is never built.
        guard id != nil else { return nil }
        return Parsed(
            entry: entry,
            location: SourceLocation(file: reader.file, line: reader.line(of: root["id"])),
            departmentLine: reader.line(of: root["zustaendige_stelle"]))
    }

    /// 14 ASCII digits, or `local:` followed by a name.
    static func isValidServiceKey(_ key: String) -> Bool {
        if key.hasPrefix("local:") { return key.count > "local:".count }
        return key.count == 14 && key.allSatisfy(\.isASCIIDigit)
    }

    private static func links(_ root: Node.Mapping, _ key: String, _ reader: inout YAMLFieldReader) -> [KnowledgeEntry.Link] {
        guard let node = root[key], node.null == nil else { return [] }
        guard let sequence = node.sequence else {
            reader.report(
                .wrongType, line: reader.line(of: node), "Das Feld '\(key)' muss eine Liste sein.",
                fix: "Schreiben Sie je Eintrag '- name: …' und darunter eingerückt 'url: …'.")
            return []
        }
        return sequence.compactMap { reader.link($0, field: key) }
    }
}

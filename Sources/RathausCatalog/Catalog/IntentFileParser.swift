import Foundation
import Yams

/// Turns an intent file (`Intents/<group>.yaml`) into ``Intent`` values and out-of-scope examples.
///
/// A file has a list under `intents:`, a list of messages under `out_of_scope:` that no intent should
/// answer, or both.
enum IntentFileParser {
    /// What one file holds.
    struct Parsed: Sendable {
        var intents: [Intent] = []
        var outOfScope: [String] = []
        var synonyms: [String: [String]] = [:]
    }

    static let fileFields = ["intents", "out_of_scope", "synonyms"]
    static let intentFields = ["id", "examples", "answer"]

    static func parse(_ node: Node, _ reader: inout YAMLFieldReader) -> Parsed? {
        guard let root = reader.mapping(node, what: "Eine Intent-Datei") else { return nil }
        reader.rejectUnknownKeys(root, allowed: fileFields)
        var parsed = Parsed()
        parsed.outOfScope = reader.stringList(root, "out_of_scope", required: false, parentLine: 1)
        if let synonyms = root["synonyms"], synonyms.null == nil, let mapping = reader.mapping(synonyms, what: "'synonyms'") {
            for (key, value) in mapping {
                guard let word = key.scalar?.string else { continue }
                let meanings = value.scalar.map { [$0.string] } ?? value.sequence?.compactMap { $0.scalar?.string } ?? []
                if meanings.isEmpty || TextNormalizer.tokens(word).isEmpty {
                    reader.report(
                        .invalidValue, line: reader.line(of: key), "Das Synonym '\(word)' hat keine Bedeutung.",
                        fix: "Schreiben Sie 'wort: Bedeutung', z. B. 'perso: Personalausweis'.")
                    continue
                }
                parsed.synonyms[word, default: []] += meanings
            }
        }
        guard let list = root["intents"], list.null == nil else {
            if root["out_of_scope"] == nil && root["synonyms"] == nil {
                reader.report(
                    .missingField, line: reader.line(of: node), "Das Feld 'intents' fehlt.",
                    fix: "Beginnen Sie die Datei mit 'intents:' und führen Sie darunter jeden Intent mit '- id: …' auf.")
            }
            return parsed
        }
        guard let sequence = list.sequence else {
            reader.report(
                .wrongType, line: reader.line(of: list), "'intents' muss eine Liste sein.",
                fix: "Beginnen Sie jeden Intent mit '- id: …'.")
            return parsed
        }
        parsed.intents = sequence.compactMap { parseIntent($0, &reader) }
        return parsed
    }

    private static func parseIntent(_ node: Node, _ reader: inout YAMLFieldReader) -> Intent? {
        guard let mapping = reader.mapping(node, what: "Ein Intent") else { return nil }
        reader.rejectUnknownKeys(mapping, allowed: intentFields)
        let line = reader.line(of: node)
        guard let id = reader.string(mapping, "id", required: true, parentLine: line) else { return nil }
        let idLine = reader.line(of: mapping["id"])
        if !IDRules.isValid(id) {
            reader.report(
                .invalidValue, line: idLine, "Die id '\(id)' enthält unerlaubte Zeichen.",
                fix: "Verwenden Sie nur Kleinbuchstaben ohne Umlaute, Ziffern und Bindestriche.")
            return nil
        }
        let examples = reader.stringList(mapping, "examples", required: false, parentLine: line)
        if examples.isEmpty {
            reader.report(
                .emptyExamples, line: mapping["examples"].map { reader.line(of: $0) } ?? idLine,
                "Der Intent '\(id)' hat keine Beispielsätze.",
                fix: "Ergänzen Sie unter 'examples:' mindestens 12 Sätze, wie Bürgerinnen und Bürger sie schreiben, je Zeile '- …'.")
        }
        let answer = reader.string(mapping, "answer", required: false, parentLine: line)
        return Intent(id: id, examples: examples, answer: answer, source: SourceLocation(file: reader.file, line: idLine))
    }
}

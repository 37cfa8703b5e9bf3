import Foundation
import Yams

/// Reads typed fields out of a composed YAML document and records a ``CatalogProblem`` for every
/// field that is missing, of the wrong kind or unknown, so that loading can go on and report all.
struct YAMLFieldReader {
    /// Path of the file relative to the catalogue directory.
    let file: String
    /// Problems found so far.
    private(set) var problems: [CatalogProblem] = []

    init(file: String) {
        self.file = file
    }

    /// Tells only empty values (`~`, `null`) from text: the catalogue has no numbers, booleans or
    /// dates to resolve, and every rule costs a regular expression per value.
    private static let resolver = Resolver.basic.appending(Resolver.Rule.null)

    /// Parses `text` into a node tree, or records the syntax error with its line.
    mutating func compose(_ text: String) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text, Self.resolver) else {
                report(.missingField, line: 1, "Die Datei ist leer.", fix: "Tragen Sie die Felder nach der Vorlage im README ein.")
                return nil
            }
            return node
        } catch let error as YamlError {
            let (line, column, problem) = Self.describe(error)
            report(
                .yamlSyntax, line: line, column: column,
                "Die Datei ist kein gültiges YAML (\(problem)).",
                fix:
                    "Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen in dieser Zeile und der Zeile davor; Text mit ':' setzen Sie in Anführungszeichen."
            )
            return nil
        } catch {
            report(.yamlSyntax, line: 1, "Die Datei ist kein gültiges YAML.", fix: "Prüfen Sie den Aufbau nach der Vorlage im README.")
            return nil
        }
    }

    /// The line of a node, starting at 1.
    func line(of node: Node?) -> Int {
        node?.mark?.line ?? 1
    }

    /// The node as a mapping, or a problem saying that `what` must be one.
    mutating func mapping(_ node: Node, what: String) -> Node.Mapping? {
        if let mapping = node.mapping { return mapping }
        report(
            .wrongType, line: line(of: node), "\(what) muss aus Feldern der Form 'name: wert' bestehen.",
            fix: "Schreiben Sie jedes Feld in eine eigene Zeile, z. B. 'id: beispiel'.")
        return nil
    }

    /// Records a problem for every key of `mapping` that is not in `allowed`.
    mutating func rejectUnknownKeys(_ mapping: Node.Mapping, allowed: [String]) {
        for (key, _) in mapping {
            guard let name = key.scalar?.string, !allowed.contains(name) else { continue }
            let suggestion = Self.closest(to: name, in: allowed)
            let fix =
                suggestion.map { "Meinten Sie '\($0)'? Erlaubt sind: \(allowed.joined(separator: ", "))." }
                ?? "Erlaubt sind: \(allowed.joined(separator: ", "))."
            report(.unknownField, line: line(of: key), column: key.mark?.column, "Unbekanntes Feld '\(name)'.", fix: fix)
        }
    }

    /// A text field; reports a missing required field at `parentLine`.
    mutating func string(_ mapping: Node.Mapping, _ key: String, required: Bool, parentLine: Int) -> String? {
        guard let node = mapping[key], node.null == nil else {
            if required { missing(key, line: parentLine) }
            return nil
        }
        guard let scalar = node.scalar else {
            report(
                .wrongType, line: line(of: node), "Das Feld '\(key)' muss ein Text sein, keine Liste oder Zuordnung.",
                fix: "Schreiben Sie den Text direkt hinter '\(key):' oder als Block mit '\(key): >-'.")
            return nil
        }
        let text = scalar.string.trimmed
        if text.isEmpty {
            if required { missing(key, line: line(of: node)) }
            return nil
        }
        return text
    }

    /// A list of texts; a single text is accepted as a list of one.
    mutating func stringList(_ mapping: Node.Mapping, _ key: String, required: Bool, parentLine: Int) -> [String] {
        guard let node = mapping[key], node.null == nil else {
            if required { missing(key, line: parentLine) }
            return []
        }
        if let scalar = node.scalar {
            let text = scalar.string.trimmed
            return text.isEmpty ? [] : [text]
        }
        guard let sequence = node.sequence else {
            report(
                .wrongType, line: line(of: node), "Das Feld '\(key)' muss eine Liste sein.",
                fix: "Schreiben Sie jeden Eintrag in eine eigene Zeile, beginnend mit '- '.")
            return []
        }
        var items: [String] = []
        for item in sequence {
            guard let scalar = item.scalar else {
                report(
                    .wrongType, line: line(of: item), "Ein Eintrag in '\(key)' ist kein einfacher Text.",
                    fix: "Setzen Sie Text, der ':' enthält, in Anführungszeichen, z. B. - \"Kosten: 10,00 Euro\".")
                continue
            }
            let text = scalar.string.trimmed
            if !text.isEmpty { items.append(text) }
        }
        return items
    }

    /// A mapping `{name, url}`.
    mutating func link(_ node: Node, field: String) -> KnowledgeEntry.Link? {
        guard let mapping = mapping(node, what: "Ein Eintrag in '\(field)'") else { return nil }
        rejectUnknownKeys(mapping, allowed: ["name", "url"])
        let nodeLine = line(of: node)
        guard let name = string(mapping, "name", required: true, parentLine: nodeLine),
            let url = string(mapping, "url", required: true, parentLine: nodeLine)
        else { return nil }
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
            report(
                .invalidValue, line: line(of: mapping["url"]), "Die Adresse '\(url)' ist keine Web-Adresse.",
                fix: "Schreiben Sie die vollständige Adresse, beginnend mit https://.")
            return nil
        }
        return KnowledgeEntry.Link(name: name, url: url)
    }

    /// Records a problem in this file.
    mutating func report(_ code: CatalogProblem.Code, line: Int, column: Int? = nil, _ message: String, fix: String) {
        problems.append(CatalogProblem(code: code, file: file, line: line, column: column, message: message, fix: fix))
    }

    private mutating func missing(_ key: String, line: Int) {
        report(
            .missingField, line: line, "Das Pflichtfeld '\(key)' fehlt oder ist leer.",
            fix: "Ergänzen Sie eine Zeile '\(key): …' (siehe Vorlage im README).")
    }

    private static func describe(_ error: YamlError) -> (line: Int, column: Int?, problem: String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return (mark.line, mark.column, detail)
        case let .duplicatedKeysInMapping(duplicates, context):
            return (context.mark.line, context.mark.column, "doppelter Schlüssel \(duplicates.joined(separator: ", "))")
        case let .reader(problem, _, _, _):
            return (1, nil, problem)
        default:
            return (1, nil, "\(error)")
        }
    }

    /// The allowed name closest to a misspelt one, if it is close enough to be a typo.
    static func closest(to name: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, EditDistance.damerauLevenshtein(Array(name), Array($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, name.count / 3) else { return nil }
        return best.0
    }
}

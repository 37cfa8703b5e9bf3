import Foundation
import Yams

/// Adds an example to the intent files staff edit, as a careful person would: one new line at the
/// end of the intent's `examples:` list (or of the `out_of_scope:` list), every other line of the
/// file, comments and order included, untouched; so `git diff` shows exactly the new line.
public struct IntentFileEditor: Sendable {
    /// Where an example goes.
    public enum Target: Sendable, Hashable {
        /// The examples of this intent.
        case intent(String)
        /// The messages no intent should answer.
        case outOfScope
    }

    /// Why an example could not be added, in German for staff.
    public struct EditError: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong.
        public let description: String
    }

    /// The catalogue directory (with `Intents/`).
    public let directory: URL

    /// An editor for the catalogue in `directory`.
    public init(directory: URL) {
        self.directory = directory
    }

    /// Appends `text` to the list of `target` in `catalog` (loaded from ``directory``) and returns
    /// the file and line written; nil when the list already holds the text (compared ignoring case).
    public func add(_ text: String, to target: Target, in catalog: Catalog) throws -> SourceLocation? {
        let text = text.trimmed
        guard !text.isEmpty, !text.contains("\n") else { throw EditError(description: "Ein Beispiel ist eine Zeile Text.") }
        let (file, startLine): (String, Int)
        switch target {
        case .intent(let id):
            guard let intent = catalog.intents.first(where: { $0.id == id }) else {
                throw EditError(description: "Das Anliegen '\(id)' gibt es nicht.")
            }
            if intent.examples.contains(where: { $0.lowercased() == text.lowercased() }) { return nil }
            (file, startLine) = (intent.source.file, intent.source.line)
        case .outOfScope:
            if catalog.outOfScopeExamples.contains(where: { $0.lowercased() == text.lowercased() }) { return nil }
            (file, startLine) = try outOfScopeFile()
        }
        let url = directory.appendingPathComponent(file)
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        let key = target == .outOfScope ? "out_of_scope:" : "examples:"
        let (index, indent) = try insertionPoint(in: lines, from: startLine - 1, key: key, file: file)
        lines.insert(String(repeating: " ", count: indent) + "- " + Self.scalar(text), at: index)
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        return SourceLocation(file: file, line: index + 1)
    }

    /// The file with a top-level `out_of_scope:` list and that key's line.
    private func outOfScopeFile() throws -> (String, Int) {
        let folder = directory.appendingPathComponent("Intents")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names.sorted() where name.hasSuffix(".yaml") {
            let lines = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))?.components(separatedBy: "\n") ?? []
            if let index = lines.firstIndex(where: { $0.hasPrefix("out_of_scope:") }) { return ("Intents/\(name)", index + 1) }
        }
        throw EditError(description: "Keine Datei in Intents/ hat eine Liste 'out_of_scope:'.")
    }

    /// Where a new item of the block list under `key` goes: after its last item (with the item's
    /// indentation), searching from line index `start` and not past the next intent.
    private func insertionPoint(in lines: [String], from start: Int, key: String, file: String) throws -> (Int, Int) {
        var keyIndex: Int?
        for index in max(0, start)..<lines.count {
            let content = lines[index].trimmingCharacters(in: .whitespaces)
            if index > start, content.hasPrefix("- id:") { break }
            if content == key || content == "- " + key {
                keyIndex = index
                break
            }
            if content.hasPrefix(key) || content.hasPrefix("- " + key) {
                throw EditError(
                    description: "\(file):\(index + 1): '\(key)' ist keine Liste mit einem Eintrag je Zeile; bitte von Hand ergänzen.")
            }
        }
        guard let keyIndex else { throw EditError(description: "\(file): unter Zeile \(start + 1) fehlt '\(key)'.") }
        var itemIndent: Int?
        var last = keyIndex
        for index in (keyIndex + 1)..<lines.count {
            let line = lines[index]
            let content = line.trimmingCharacters(in: .whitespaces)
            if content.isEmpty || content.hasPrefix("#") { continue }
            let indent = line.prefix { $0 == " " }.count
            if itemIndent == nil {
                guard content.hasPrefix("- ") else { break }
                itemIndent = indent
            }
            guard let itemIndent, indent > itemIndent || (indent == itemIndent && content.hasPrefix("- ")) else { break }
            last = index
        }
        let keyIndent = lines[keyIndex].prefix { $0 == " " }.count + (lines[keyIndex].trimmingCharacters(in: .whitespaces).hasPrefix("- ") ? 2 : 0)
        return (last + 1, itemIndent ?? keyIndent + 2)
    }

    /// `text` as a YAML scalar: as it is when YAML reads it back unchanged, else double-quoted.
    static func scalar(_ text: String) -> String {
        if let read = try? Yams.load(yaml: "- " + text) as? [String], read == [text] { return text }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(text), as: UTF8.self)) ?? "\"\""
    }
}

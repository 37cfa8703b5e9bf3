import Foundation
import RathausCatalog
import RathausUnderstanding

/// Staff's review of what Rathaus did not answer well: for each question, what Rathaus understands
/// of it now and its two best guesses; each decision becomes one example line in `Intents/` (see
/// ``IntentFileEditor``). The new lines are written only when the catalogue still checks; then the
/// recognition is measured before and after on an evaluation set.
public struct CatalogReview: Sendable {
    /// A question to review.
    public struct Item: Sendable, Hashable, Codable {
        /// The question, scrubbed of personal data.
        public let text: String
        /// Why it is here: `unanswered` or `not_helpful`.
        public let reason: String
        /// How many conversations asked it.
        public let conversations: Int
        /// The intent Rathaus answers it with now, nil when it does not answer it.
        public let understood: String?
        /// The two best guesses, best first.
        public let guesses: [IntentMatch.Candidate]
    }

    /// What staff decided for a question.
    public enum Decision: Sendable, Hashable {
        /// It should have been this intent: the text becomes one of its examples.
        case intent(String)
        /// No intent should answer it: the text joins `out_of_scope:`.
        case outOfScope
        /// Nothing is written.
        case skip
    }

    /// A line written.
    public struct AddedLine: Sendable, Hashable, Codable {
        /// The text.
        public let text: String
        /// The intent, or nil for out of scope.
        public let intent: String?
        /// The file, relative to the catalogue.
        public let file: String
        /// The line in it.
        public let line: Int
    }

    /// What a review changed and how recognition moved.
    public struct Outcome: Sendable {
        /// The lines written, in the order decided.
        public let added: [AddedLine]
        /// Texts not written because the list already held them.
        public let alreadyThere: [String]
        /// Recognition on the evaluation set before and after (nil without a set).
        public let before: EvaluationReport?
        /// See ``before``.
        public let after: EvaluationReport?
    }

    /// Why a review wrote nothing.
    public struct Refused: Error, Sendable, CustomStringConvertible {
        /// The problems, one per line, in German.
        public let description: String
    }

    /// The catalogue directory.
    public let directory: URL
    /// The labelled set recognition is measured on, if any.
    public let evaluationSet: URL?

    /// A review of the catalogue in `directory`, measured on `evaluationSet`.
    public init(directory: URL, evaluationSet: URL?) {
        self.directory = directory
        self.evaluationSet = evaluationSet
    }

    /// What Rathaus understands of `text` now.
    public static func item(_ text: String, reason: String, conversations: Int, matcher: IntentMatcher) -> Item {
        let match = matcher.match(text)
        return Item(
            text: text, reason: reason, conversations: conversations, understood: match.intent,
            guesses: Array(match.alternatives.prefix(2)))
    }

    /// Writes one line for each decision that is not ``Decision/skip``, checks the catalogue and
    /// measures recognition before and after. When the catalogue would not check, every file is put
    /// back as it was and ``Refused`` lists the problems.
    public func apply(_ decisions: [(text: String, decision: Decision)]) throws -> Outcome {
        let loader = CatalogLoader(directory: directory)
        var catalog: Catalog
        do { catalog = try loader.load() } catch { throw Refused(description: "Der Katalog hat schon vor der Durchsicht Fehler:\n\(error)") }
        let set = try evaluationSet.map { try EvaluationSet(contentsOf: $0) }
        let before = try set.map { EvaluationReport.evaluate($0, catalog: catalog, matcher: try IntentMatcher(catalog: catalog)) }
        let editor = IntentFileEditor(directory: directory)
        var originals: [String: Data] = [:]
        var added: [AddedLine] = []
        var alreadyThere: [String] = []
        do {
            for (text, decision) in decisions {
                let target: IntentFileEditor.Target
                switch decision {
                case .skip: continue
                case .intent(let id): target = .intent(id)
                case .outOfScope: target = .outOfScope
                }
                try keepOriginal(of: target, in: catalog, &originals)
                guard let location = try editor.add(text, to: target, in: catalog) else {
                    alreadyThere.append(text)
                    continue
                }
                added.append(AddedLine(text: text, intent: target.intentID, file: location.file, line: location.line))
                // Lines below the new one moved: read the files again before the next decision.
                catalog = try loader.load()
            }
        } catch {
            restore(originals)
            throw Refused(description: "Nichts geschrieben: \(error)")
        }
        let report = loader.check()
        guard let checked = report.catalog else {
            restore(originals)
            let problems = report.problems.map(\.description).joined(separator: "\n")
            throw Refused(description: "Nichts geschrieben, der Katalog würde die Prüfung nicht mehr bestehen:\n\(problems)")
        }
        let after = try set.map { EvaluationReport.evaluate($0, catalog: checked, matcher: try IntentMatcher(catalog: checked)) }
        return Outcome(added: added, alreadyThere: alreadyThere, before: before, after: after)
    }

    /// Remembers the content of the file `target` is written to, once.
    private func keepOriginal(of target: IntentFileEditor.Target, in catalog: Catalog, _ originals: inout [String: Data]) throws {
        let files: [String]
        switch target {
        case .intent(let id): files = catalog.intents.filter { $0.id == id }.map(\.source.file)
        case .outOfScope: files = intentFiles()
        }
        for file in files where originals[file] == nil {
            originals[file] = try Data(contentsOf: directory.appendingPathComponent(file))
        }
    }

    private func intentFiles() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("Intents").path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { "Intents/\($0)" }
    }

    private func restore(_ originals: [String: Data]) {
        for (file, data) in originals { try? data.write(to: directory.appendingPathComponent(file), options: .atomic) }
    }
}

extension IntentFileEditor.Target {
    /// The intent id, nil for out of scope.
    var intentID: String? {
        if case .intent(let id) = self { return id }
        return nil
    }
}

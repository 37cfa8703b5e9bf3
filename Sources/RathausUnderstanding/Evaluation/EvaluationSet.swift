import Foundation
import RathausCatalog

/// A labelled set of utterances, read from JSON lines `{"text": …, "intent": ID or null}`, each
/// optionally with `"language": "de"` or `"en"`.
public struct EvaluationSet: Sendable {
    /// One labelled utterance.
    public struct Example: Sendable, Hashable, Codable {
        /// What the citizen wrote.
        public let text: String
        /// The intent meant, or nil when the utterance is out of scope.
        public let intent: String?
        /// Line in the file, starting at 1.
        public let line: Int
        /// The language the line is written in, when the file says.
        public var language: Language? = nil
    }

    /// A line that is not a valid labelled utterance.
    public struct LineError: Error, Sendable, CustomStringConvertible {
        /// The file read.
        public let file: String
        /// The offending line, starting at 1.
        public let line: Int
        /// What is wrong.
        public let reason: String

        /// `file:line: reason`.
        public var description: String { "\(file):\(line): \(reason)" }
    }

    /// The utterances in file order.
    public let examples: [Example]

    /// The languages the lines name, German first; empty when no line names one.
    public var languages: [Language] {
        Language.allCases.filter { language in examples.contains { $0.language == language } }
    }

    /// The lines written in `language` (a line that names none counts as German).
    public func lines(in language: Language) -> EvaluationSet {
        EvaluationSet(examples: examples.filter { ($0.language ?? .german) == language })
    }

    /// Creates a set from examples.
    public init(examples: [Example]) {
        self.examples = examples
    }

    /// Reads a JSON-lines file; blank lines are skipped, any other bad line is an error naming it.
    public init(contentsOf url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        try self.init(jsonLines: text, file: url.path)
    }

    /// Parses JSON lines; `file` is used in error messages.
    public init(jsonLines text: String, file: String) throws(LineError) {
        var examples: [Example] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw LineError(file: file, line: offset + 1, reason: "not a JSON object")
            }
            guard let utterance = object["text"] as? String else {
                throw LineError(file: file, line: offset + 1, reason: "\"text\" is missing or not a string")
            }
            let intent: String?
            switch object["intent"] {
            case let id as String: intent = id
            case is NSNull: intent = nil
            default: throw LineError(file: file, line: offset + 1, reason: "\"intent\" must be an id or null")
            }
            var language: Language?
            if let tag = object["language"] {
                guard let tag = tag as? String, let known = Language(tag: tag) else {
                    throw LineError(file: file, line: offset + 1, reason: "\"language\" must be \"de\", \"en\" or \"de-x-ls\"")
                }
                language = known
            }
            examples.append(Example(text: utterance, intent: intent, line: offset + 1, language: language))
        }
        self.examples = examples
    }
}

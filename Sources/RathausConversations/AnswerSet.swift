import Foundation

/// A set of answer tests, one JSON object per line (`Tests/Answers/answers.jsonl`):
/// `{"id", "kind", "turns": [TEXT, …], "facts": [TEXT, …], "max_words": N}`. The reply to the last
/// turn must contain every fact (ignoring case and runs of white space), and its answer (the
/// first reply, not an offer of the form that may follow) must have at most `max_words` words.
public struct AnswerSet: Sendable {
    /// One test.
    public struct Case: Sendable, Decodable {
        /// A name for reports.
        public let id: String
        /// What kind of question: "aspect", "overview", "follow-up", "department" …
        public let kind: String
        /// The citizen's messages, in order.
        public let turns: [String]
        /// Texts the last reply must contain.
        public let facts: [String]
        /// Most words of the last answer.
        public let maxWords: Int

        enum CodingKeys: String, CodingKey {
            case id, kind, turns, facts
            case maxWords = "max_words"
        }
    }

    /// A line that is not a test.
    public struct LineError: Error, CustomStringConvertible, Sendable {
        /// File, line and what is wrong.
        public let description: String
    }

    /// The tests in file order.
    public let cases: [Case]

    /// Reads the set in `url`.
    public init(contentsOf url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        var cases: [Case] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            do {
                let item = try JSONDecoder().decode(Case.self, from: Data(line.utf8))
                guard !item.turns.isEmpty else { throw LineError(description: "\"turns\" ist leer") }
                cases.append(item)
            } catch {
                throw LineError(description: "\(url.lastPathComponent):\(offset + 1): \(error)")
            }
        }
        self.cases = cases
    }
}

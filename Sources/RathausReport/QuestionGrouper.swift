import RathausCatalog
import RathausUnderstanding

/// Groups unanswered questions by their shared word stems (the project's Snowball stemmer over the
/// words `TextNormalizer` folds, without stop words), keeping only groups that at least
/// ``Report/minimumConversationsPerGroup`` conversations asked.
///
/// Each question joins the group of its stem that the most conversations used (ties: the
/// alphabetically first stem), so that „wo kann ich sperrmüll abgeben“ and „sperrmüll abgabe
/// wertstoffhof“ meet under „sperrmull“ although their other words differ. A group's stems are
/// those all its questions share.
public struct QuestionGrouper {
    /// Most example texts shown per group.
    public static let examplesPerGroup = 5
    /// Shortest word that counts (shorter ones are mostly particles and typos).
    static let minimumWordLength = 3
    /// Folded words that open or pad a question but say nothing about what is asked („wann …“
    /// would otherwise gather every question about a time); the analyser's stop words are left out too.
    static let questionWords: Set<String> = [
        "wann", "warum", "wieso", "weshalb", "wer", "wem", "wen", "wessen", "woher", "wohin", "womit", "wozu", "welchen",
        "welchem", "welches", "hallo", "danke", "frage", "fragen", "vor", "nach", "gerade", "heute",
    ]

    private let stemmer: SnowballStemmer
    private var questions: [(conversation: String, text: String, stems: Set<String>)] = []

    /// A grouper stemming with `stemmer`.
    public init(stemmer: SnowballStemmer) {
        self.stemmer = stemmer
    }

    /// Adds one unanswered question of `conversation`, already scrubbed.
    public mutating func add(_ scrubbedText: String, conversation: String) {
        var text = scrubbedText
        if text.contains(where: { $0 == "[" }) {
            for placeholder in PersonalDataScrubber.placeholders { text = text.replacingOccurrences(of: placeholder, with: " ") }
        }
        let stems = Set(
            TextNormalizer.tokens(text).filter { word in
                word.count >= Self.minimumWordLength && !TextAnalyzer.stopWords.contains(word) && !Self.questionWords.contains(word)
                    && !word.allSatisfy(\.isNumber)
            }.map(stemmer.stem))
        guard !stems.isEmpty else { return }
        questions.append((conversation, scrubbedText, stems))
    }

    /// The groups asked by enough conversations, most questions first.
    public func groups() -> [Report.QuestionGroup] {
        var conversationsByStem: [String: Set<String>] = [:]
        for question in questions {
            for stem in question.stems { conversationsByStem[stem, default: []].insert(question.conversation) }
        }
        let reach = conversationsByStem.mapValues(\.count)
        var members: [String: [Int]] = [:]
        for (index, question) in questions.enumerated() {
            let key = question.stems.max { (reach[$0]!, $1) < (reach[$1]!, $0) }!
            members[key, default: []].append(index)
        }
        var groups: [Report.QuestionGroup] = []
        for indices in members.values {
            let conversations = Set(indices.map { questions[$0].conversation })
            guard conversations.count >= Report.minimumConversationsPerGroup else { continue }
            let shared = indices.dropFirst().reduce(questions[indices[0]].stems) { $0.intersection(questions[$1].stems) }
            var frequency: [String: Int] = [:]
            for index in indices { frequency[questions[index].text, default: 0] += 1 }
            let examples = frequency.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(Self.examplesPerGroup).map(\.key)
            groups.append(
                .init(
                    stems: shared.sorted { (reach[$0]!, $1) > (reach[$1]!, $0) }, questions: indices.count,
                    conversations: conversations.count, examples: examples))
        }
        return groups.sorted {
            ($0.questions, $0.conversations, $1.stems.joined(separator: " ")) > ($1.questions, $1.conversations, $0.stems.joined(separator: " "))
        }
    }
}

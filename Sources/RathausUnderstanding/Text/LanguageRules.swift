import RathausCatalog

/// What the text pipeline needs to know of a language: its Snowball stemmer, its stop words, and
/// the German habits of split verbs ("melde … ab"), "zu" inside verbs ("abzumelden") and compounds.
public struct LanguageRules: Sendable {
    /// The language.
    public let language: Language
    /// The name of libstemmer's algorithm.
    public let stemmerAlgorithm: String
    /// Words that carry no meaning for telling services apart.
    public let stopWords: Set<String>
    /// Particles that split off a verb and stand after it (German only).
    public let verbParticles: Set<String>
    /// Particles that take "zu" between themselves and their verb (German only).
    public let infixZuParticles: [String]
    /// True when unknown words are read as compounds of known ones (German).
    public let splitsCompounds: Bool

    /// German, also for Leichte Sprache.
    public static let german = LanguageRules(
        language: .german, stemmerAlgorithm: "german", stopWords: TextAnalyzer.stopWords, verbParticles: TextAnalyzer.verbParticles,
        infixZuParticles: TextAnalyzer.infixZuParticles, splitsCompounds: true)

    /// English: Snowball's English (Porter2) stemmer, English stop words, no compounds.
    public static let english = LanguageRules(
        language: .english, stemmerAlgorithm: "english", stopWords: englishStopWords, verbParticles: [], infixZuParticles: [],
        splitsCompounds: false)

    /// The rules for `language`: Leichte Sprache is German.
    public static func of(_ language: Language) -> LanguageRules {
        language == .english ? english : german
    }

    /// English words that carry no meaning for telling services apart, folded as
    /// ``TextNormalizer`` folds every text ("does" → "dos": an "e" after a vowel reads as an umlaut).
    public static let englishStopWords: Set<String> = Set(englishStopWordList.map(TextNormalizer.fold))

    /// The English stop words as written.
    private static let englishStopWordList = [
        "a", "about", "actually", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "before",
        "but", "by", "can", "could", "d", "did", "do", "does", "doing", "don", "for", "from", "get", "got", "had", "has",
        "have", "he", "her", "here", "him", "his", "how", "i", "if", "im", "in", "into", "is", "it", "its", "just", "ll",
        "m", "may", "me", "might", "much", "must", "my", "need", "needs", "now", "of", "on", "one", "or", "our", "please",
        "re", "s", "shall", "she", "should", "so", "some", "t", "than", "that", "the", "their", "them", "then", "there",
        "these", "they", "this", "those", "to", "u", "up", "us", "ve", "want", "wanna", "was", "we", "were", "what",
        "when", "where", "which", "who", "will", "with", "would", "you", "your", "yours", "hi", "hey", "hello", "thanks",
    ]
}

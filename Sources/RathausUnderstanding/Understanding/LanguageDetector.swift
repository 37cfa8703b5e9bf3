import Foundation
import RathausCatalog

/// Tells German from English, learnt from the catalogue's own texts in each language: the examples,
/// the out-of-scope examples and the services' names, with each language's stop words.
///
/// A naive Bayes model over the folded words and their letter trigrams; a letter only German has
/// (ä, ö, ü, ß) counts as a word of its own. Leichte Sprache is German and is chosen, not detected.
/// A catalogue without an English translation has nothing to answer in English, so nothing is
/// detected there.
public struct LanguageDetector: Sendable {
    /// Fewest words a message needs before it may change a conversation's detected language
    /// ("ok", "hallo", "thanks" do not).
    public static let wordsToSwitch = 3

    /// For each word seen in either language, how much more likely it is in English than in
    /// German: the difference of its log-probabilities (a language that never saw it counts as
    /// unseen). Adding these up gives the same as scoring each language on its own and taking the
    /// difference, with one lookup per feature instead of one per language.
    private let wordWeights: [String: Double]
    /// The same for letter trigrams.
    private let trigramWeights: [Trigram: Double]
    /// The weight of the umlaut mark.
    private let umlautWeight: Double
    /// The weight of a feature neither language saw.
    private let unseenWeight: Double
    /// Whether the catalogue has English texts to learn English from (and to answer in).
    private let hasEnglish: Bool

    /// Three letters in a row of a word framed by `<` and `>` ("<ha", "hal", … "lo>").
    struct Trigram: Hashable {
        let first: Unicode.Scalar
        let second: Unicode.Scalar
        let third: Unicode.Scalar
    }

    /// What the detector makes of a message.
    public struct Detection: Sendable, Hashable {
        /// The more likely language.
        public let language: Language
        /// The difference of the two languages' log-likelihoods per feature: 0 means undecided.
        public let margin: Double
        /// The message's words.
        public let wordCount: Int
    }

    /// Learns both languages from the German `catalog` (its English translation included).
    public init(catalog: Catalog) {
        hasEnglish = catalog.translations[.english].map { !$0.isEmpty } ?? false
        let german = Self.counts(of: hasEnglish ? Self.texts(of: catalog) + Array(TextAnalyzer.stopWords) : [])
        let english = Self.counts(of: hasEnglish ? Self.texts(of: catalog.localized(to: .english)) + Array(LanguageRules.englishStopWords) : [])
        // Laplace smoothing: every feature counted once more than seen, and one more for all unseen.
        let (germanTotal, englishTotal) = (Double(german.total + german.distinct + 1), Double(english.total + english.distinct + 1))
        func weight(german inGerman: Int, english inEnglish: Int) -> Double {
            log(Double(inEnglish + 1) / englishTotal) - log(Double(inGerman + 1) / germanTotal)
        }
        var wordWeights: [String: Double] = [:], trigramWeights: [Trigram: Double] = [:]
        for word in Set(german.words.keys).union(english.words.keys) {
            wordWeights[word] = weight(german: german.words[word] ?? 0, english: english.words[word] ?? 0)
        }
        for trigram in Set(german.trigrams.keys).union(english.trigrams.keys) {
            trigramWeights[trigram] = weight(german: german.trigrams[trigram] ?? 0, english: english.trigrams[trigram] ?? 0)
        }
        self.wordWeights = wordWeights
        self.trigramWeights = trigramWeights
        umlautWeight = weight(german: german.umlauts, english: english.umlauts)
        unseenWeight = weight(german: 0, english: 0)
    }

    /// The language `utterance` is more likely written in; nil when it has no letters or the
    /// catalogue no English.
    public func detect(_ utterance: Utterance) -> Detection? {
        guard hasEnglish else { return nil }
        let features = Features(text: utterance.text, words: utterance.words)
        guard features.count > 0 else { return nil }
        var englishOverGerman = features.hasUmlaut ? umlautWeight : 0
        for word in features.words { englishOverGerman += wordWeights[word] ?? unseenWeight }
        for trigram in features.trigrams { englishOverGerman += trigramWeights[trigram] ?? unseenWeight }
        return Detection(
            language: englishOverGerman > 0 ? .english : .german, margin: abs(englishOverGerman) / Double(features.count),
            wordCount: utterance.words.count)
    }

    /// The words of a text (numbers left out), their letter trigrams and whether it has a letter
    /// only German has (ä, ö, ü, ß).
    struct Features {
        var words: [String] = []
        var trigrams: [Trigram] = []
        var hasUmlaut = false

        /// How often each feature occurs in a language's texts.
        struct Counts {
            var words: [String: Int] = [:]
            var trigrams: [Trigram: Int] = [:]
            var umlauts = 0
            /// All features counted.
            var total: Int { words.values.reduce(0, +) + trigrams.values.reduce(0, +) + umlauts }
            /// Different features seen.
            var distinct: Int { words.count + trigrams.count + (umlauts > 0 ? 1 : 0) }
        }

        /// The number of features.
        var count: Int { words.count + trigrams.count + (hasUmlaut ? 1 : 0) }

        init(text: String, words: [String]) {
            for word in words where !word.allSatisfy(\.isNumber) {
                self.words.append(word)
                let letters: [Unicode.Scalar] = ["<"] + Array(word.unicodeScalars) + [">"]
                for start in letters.indices.dropLast(2) {
                    trigrams.append(Trigram(first: letters[start], second: letters[start + 1], third: letters[start + 2]))
                }
            }
            hasUmlaut = text.unicodeScalars.contains { Self.germanLetters.contains($0) }
        }

        /// Adds these features to `counts`.
        func count(into counts: inout Counts) {
            for word in words { counts.words[word, default: 0] += 1 }
            for trigram in trigrams { counts.trigrams[trigram, default: 0] += 1 }
            if hasUmlaut { counts.umlauts += 1 }
        }

        private static let germanLetters: Set<Unicode.Scalar> = ["ä", "ö", "ü", "ß", "Ä", "Ö", "Ü"]
    }

    /// How often each feature occurs in `texts`.
    private static func counts(of texts: [String]) -> Features.Counts {
        var counts = Features.Counts()
        for text in texts { Features(text: text, words: TextNormalizer.tokens(text)).count(into: &counts) }
        return counts
    }

    /// What a catalogue says in its language: examples, out-of-scope examples, services' names and synonyms.
    private static func texts(of catalog: Catalog) -> [String] {
        catalog.intents.flatMap(\.examples) + catalog.outOfScopeExamples
            + catalog.knowledge.values.flatMap { [$0.name] + $0.synonyms }
    }
}

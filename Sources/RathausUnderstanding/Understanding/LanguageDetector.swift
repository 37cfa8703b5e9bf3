import Foundation
import RathausCatalog

/// Tells German from English, learnt from the catalogue's own texts in each language: the examples,
/// the out-of-scope examples and the services' names, with each language's stop words.
///
/// A naive Bayes model over the folded words and their letter trigrams; a letter only German has
/// (ä, ö, ü, ß) counts as a word of its own. Leichte Sprache is German and is chosen, not detected.
public struct LanguageDetector: Sendable {
    /// The languages told apart.
    public static let languages: [Language] = [.german, .english]
    /// Fewest words a message needs before it may change a conversation's detected language
    /// ("ok", "hallo", "thanks" do not).
    public static let wordsToSwitch = 3

    /// Log-probability of each feature, per language (same order as ``languages``).
    private let logProbabilities: [[String: Double]]
    /// Log-probability of a feature never seen in a language.
    private let unseen: [Double]

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
        let english = catalog.localized(to: .english)
        let hasEnglish = catalog.translations[.english].map { !$0.isEmpty } ?? false
        let texts: [[String]] = [
            Self.texts(of: catalog) + Array(TextAnalyzer.stopWords),
            (hasEnglish ? Self.texts(of: english) : []) + Array(LanguageRules.englishStopWords),
        ]
        var logProbabilities: [[String: Double]] = [], unseen: [Double] = []
        for languageTexts in texts {
            var counts: [String: Double] = [:]
            for text in languageTexts {
                for feature in Self.features(text: text, words: TextNormalizer.tokens(text)) { counts[feature, default: 0] += 1 }
            }
            let total = counts.values.reduce(0, +) + Double(counts.count) + 1
            logProbabilities.append(counts.mapValues { log(($0 + 1) / total) })
            unseen.append(log(1 / total))
        }
        self.logProbabilities = logProbabilities
        self.unseen = unseen
    }

    /// The language `utterance` is more likely written in; nil when it has no letters.
    public func detect(_ utterance: Utterance) -> Detection? {
        let features = Self.features(text: utterance.text, words: utterance.words)
        guard !features.isEmpty else { return nil }
        let scores = Self.languages.indices.map { index in
            features.reduce(0) { $0 + (logProbabilities[index][$1] ?? unseen[index]) }
        }
        let best = scores[1] > scores[0] ? 1 : 0
        return Detection(
            language: Self.languages[best], margin: abs(scores[1] - scores[0]) / Double(features.count), wordCount: utterance.words.count)
    }

    /// The words (`w:`), their letter trigrams (`g:`) and an umlaut mark of a text.
    private static func features(text: String, words: [String]) -> [String] {
        var features: [String] = []
        for word in words where !word.allSatisfy(\.isNumber) {
            features.append("w:" + word)
            let letters = Array("<" + word + ">")
            if letters.count >= 3 {
                for start in 0...(letters.count - 3) { features.append("g:" + String(letters[start..<(start + 3)])) }
            }
        }
        if text.contains(where: { "äöüßÄÖÜ".contains($0) }) { features.append("umlaut") }
        return features
    }

    /// What a catalogue says in its language: examples, out-of-scope examples, services' names and synonyms.
    private static func texts(of catalog: Catalog) -> [String] {
        catalog.intents.flatMap(\.examples) + catalog.outOfScopeExamples
            + catalog.knowledge.values.flatMap { [$0.name] + $0.synonyms }
    }
}

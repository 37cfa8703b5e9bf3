/// Turns citizen text into the weighted features the matcher compares, knowing one catalogue's vocabulary.
///
/// For each folded word (see ``TextNormalizer``): synonyms from the catalogue are added; a word the
/// catalogue never uses is corrected to the closest vocabulary word within a small edit distance, or
/// else split into known parts when it is a compound ("hundesteueranmeldung" → hund, steuer, anmeld);
/// then its Snowball stem and its character n-grams become features. Stop words are dropped unless a
/// text has nothing else.
public struct TextAnalyzer: Sendable {
    /// How the kinds of features are weighted against each other.
    public struct Weights: Sendable, Hashable {
        /// Weight of a word's stem.
        public var stem: Double = 3
        /// Weight of the stem of each part of a compound.
        public var compoundPart: Double = 2
        /// Weight of each character n-gram.
        public var gram: Double = 1
        /// Lengths of the character n-grams (with `<` and `>` marking the word's ends).
        public var gramLengths: ClosedRange<Int> = 3...5

        /// The defaults, chosen by cross-validation on the catalogue's own examples.
        public init() {}
    }

    /// Words that carry no meaning for telling services apart.
    public static let stopWords: Set<String> = [
        "a", "ab", "also", "am", "an", "auch", "auf", "aus", "bei", "bin", "bis", "bitte", "da", "dann", "das",
        "dass", "dem", "den", "der", "des", "die", "dir", "doch", "du", "ein", "eine", "einem", "einen", "einer",
        "er", "es", "fur", "gibt", "hab", "habe", "haben", "hat", "hier", "ich", "ihr", "im", "in", "ist", "ja",
        "jetzt", "kann", "konnen", "konnte", "man", "mal", "mein", "meine", "meinem", "meinen", "meiner", "mich", "mir",
        "mit", "muss", "nen", "noch", "nur", "oder", "schon", "sein", "sich", "sie", "sind", "so", "und", "uns",
        "von", "vom", "was", "welche", "welcher", "wie", "wir", "wo", "zu", "zum", "zur", "ne", "n", "mochte",
        "wurde", "gerne", "gern", "eigentlich", "denn", "einfach", "brauch", "brauche", "will", "wollen",
    ]

    /// Linking letters allowed between the parts of a compound (Fugenelemente).
    private static let linkingElements = ["", "s", "e", "n", "en", "es", "er"]

    /// The weights in use.
    public let weights: Weights
    private let stemmer: SnowballStemmer
    private let synonyms: [String: [String]]
    private let stems: [String: String]
    private let knownStems: Set<String>
    private let compoundParts: Set<String>
    private let typos: TypoIndex
    /// The analysis of every vocabulary word, computed once.
    private var known: [String: Analysis]

    /// What the analyser makes of one word.
    public struct Analysis: Sendable, Hashable {
        /// The known word it stands for: itself, or the correction of a typo.
        public let word: String
        /// Its Snowball stem.
        public let stem: String
        /// The stems of its parts when it is a compound, else empty.
        public let parts: [String]
    }

    /// Learns the vocabulary from every text of the catalogue.
    ///
    /// - Parameter synonyms: folded word → folded words it also means (from the synonym file).
    public init(texts: [String], synonyms: [String: [String]] = [:], weights: Weights = Weights(), stemmer: SnowballStemmer) {
        self.weights = weights
        self.stemmer = stemmer
        self.synonyms = synonyms
        var frequencies: [String: Int] = [:]
        for text in texts {
            for word in TextNormalizer.tokens(text) { frequencies[word, default: 0] += 1 }
        }
        for expansions in synonyms.values {
            for word in expansions { frequencies[word, default: 0] += 1 }
        }
        var stems: [String: String] = [:]
        for word in frequencies.keys { stems[word] = stemmer.stem(word) }
        self.stems = stems
        self.knownStems = Set(stems.values)
        var parts: Set<String> = []
        for (word, stem) in stems where !Self.stopWords.contains(word) && !word.allSatisfy(\.isNumber) {
            if word.count >= 3 { parts.insert(word) }
            if stem.count >= 3 { parts.insert(stem) }
        }
        self.compoundParts = parts
        self.typos = TypoIndex(words: frequencies.filter { !Self.stopWords.contains($0.key) })
        self.known = [:]
        var known: [String: Analysis] = [:]
        for (word, stem) in stems {
            known[word] = Analysis(word: word, stem: stem, parts: split(word).map { stems[$0] ?? stemmer.stem($0) })
        }
        self.known = known
    }

    /// The weighted features of `text`.
    public func features(of text: String) -> [Feature: Double] {
        var result: [Feature: Double] = [:]
        for word in contentWords(of: text) {
            add(word, to: &result)
            for synonym in synonyms[word] ?? [] { add(synonym, to: &result) }
        }
        return result
    }

    /// The words of `text` without stop words (all words when nothing else is left).
    public func contentWords(of text: String) -> [String] {
        let words = TextNormalizer.tokens(text)
        let meaningful = words.filter { !Self.stopWords.contains($0) }
        return meaningful.isEmpty ? words : meaningful
    }

    /// What the analyser makes of one folded word: the known word it stands for (itself, or a
    /// correction), its stem, and the stems of its parts when it is a compound.
    public func analyse(word: String) -> Analysis {
        if let analysis = known[word] { return analysis }
        let stem = stemmer.stem(word)
        if knownStems.contains(stem) || word.allSatisfy(\.isNumber) {
            return Analysis(word: word, stem: stem, parts: split(word).map(stem(of:)))
        }
        if let corrected = typos.correction(for: word), let analysis = known[corrected] {
            return analysis
        }
        return Analysis(word: word, stem: stem, parts: split(word).map(stem(of:)))
    }

    private func add(_ word: String, to features: inout [Feature: Double]) {
        let analysis = analyse(word: word)
        features[.stem(analysis.stem), default: 0] += weights.stem
        for part in analysis.parts where part != analysis.stem {
            features[.stem(part), default: 0] += weights.compoundPart
        }
        guard !analysis.word.allSatisfy(\.isNumber) else { return }
        let marked: [Unicode.Scalar] = ["<"] + Array(analysis.word.unicodeScalars) + [">"]
        for length in weights.gramLengths where marked.count >= length {
            for start in 0...(marked.count - length) {
                features[.gram(marked, start..<(start + length)), default: 0] += weights.gram
            }
        }
    }

    private func stem(of word: String) -> String {
        stems[word] ?? stemmer.stem(word)
    }

    /// Splits a compound into at least two known parts, with the fewest parts; empty if it is none.
    ///
    /// A part is a catalogue word or stem of three or more letters; the last part may also be any
    /// word whose stem is known ("anmeldung"); linking letters (s, e, n, en, es, er) may follow a part.
    public func split(_ word: String) -> [String] {
        let characters = Array(word)
        let count = characters.count
        guard count >= 6 else { return [] }
        // best[i]: fewest parts covering characters[0..<i], with the parts chosen.
        var best: [[String]?] = Array(repeating: nil, count: count + 1)
        best[0] = []
        for start in 0..<count {
            guard let before = best[start], start + 3 <= count else { continue }
            for end in (start + 3)...count where !(start == 0 && end == count) {
                let piece = String(characters[start..<end])
                let isLast = end == count
                let known = compoundParts.contains(piece) || (isLast && knownStems.contains(stem(of: piece)))
                guard known else { continue }
                for link in Self.linkingElements {
                    let next = end + link.count
                    guard next <= count, link.isEmpty || String(characters[end..<next]) == link else { continue }
                    let candidate = before + [piece]
                    if best[next] == nil || best[next]!.count > candidate.count { best[next] = candidate }
                }
            }
        }
        guard let parts = best[count], parts.count >= 2 else { return [] }
        return parts
    }
}

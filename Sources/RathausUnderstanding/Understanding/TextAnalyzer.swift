import RathausCatalog

/// Turns citizen text into the weighted features the matcher compares, knowing one catalogue's vocabulary.
///
/// For each folded word (see ``TextNormalizer``): a word whose stem the catalogue never uses is
/// corrected to the closest vocabulary word within a small edit distance (``TypoIndex``), or else
/// split into known parts when it is a compound ("hundesteueranmeldung" → hund, steuer, anmeld), or
/// else, when it is long, taken for the vocabulary word sharing most of its letter trigrams
/// (``FuzzyVocabulary``) if that word is nearly as long, or read as a misspelt compound of two known
/// parts ("hundesteueerabmelung"), or taken for the shorter trigram neighbour after all; then its
/// Snowball stem and its character n-grams become features, and the synonyms of the word meant are
/// added. Neighbouring content words give a word-pair feature, and a verb particle ending the text
/// joins its verb again ("melde … ab" → abmelden). Stop words are not analysed like this unless a
/// text has nothing else; they are features of their own, as whole words.
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
        /// Weight of a function word (a stop word) as a feature of its own.
        /// ("du", "dich" tell that a message is chat rather than a question for the town).
        public var functionWord: Double = 2
        /// Weight of a pair of neighbouring content words (stop words skipped), by their stems
        /// (measured on the development sets: 0.5 and 1 alike, 2 lost out-of-scope recall).
        public var wordPair: Double = 1

        /// The defaults, set by hand before measuring (never tuned to the evaluation set).
        public init() {}
    }

    /// German words that carry no meaning for telling services apart.
    public static let stopWords: Set<String> = [
        "a", "ab", "also", "am", "an", "auch", "auf", "aus", "bei", "bin", "bis", "bitte", "da", "dann", "das",
        "dass", "dem", "den", "der", "des", "die", "dir", "doch", "du", "ein", "eine", "einem", "einen", "einer",
        "er", "es", "fur", "gibt", "hab", "habe", "haben", "hat", "hier", "ich", "ihr", "im", "in", "ist", "ja",
        "jetzt", "kann", "konnen", "konnte", "man", "mal", "mein", "meine", "meinem", "meinen", "meiner", "mich", "mir",
        "mit", "muss", "nen", "noch", "nur", "oder", "schon", "sein", "sich", "sie", "sind", "so", "und", "uns",
        "von", "vom", "was", "welche", "welcher", "wie", "wir", "wo", "zu", "zum", "zur", "ne", "n", "mochte",
        "wurde", "gerne", "gern", "eigentlich", "denn", "einfach", "brauch", "brauche", "will", "wollen",
        "aber", "als", "alle", "alles", "beim", "bist", "dabei", "dafur", "damit", "danach", "daran", "darauf",
        "daruber", "darum", "davon", "dazu", "dein", "deine", "diese", "diesem", "diesen", "dieser", "dieses",
        "dort", "durch", "etwa", "etwas", "euch", "euer", "eure", "hast", "hatte", "hatten", "ihm", "ihn", "ihnen",
        "ihre", "ihrem", "ihren", "ihrer", "kannst", "konnt", "nun", "ob", "paar", "sehr", "seine", "seinem",
        "seinen", "soll", "sollen", "sollte", "uber", "um", "unser", "unsere", "unserem", "unseren", "unserer",
        "weil", "wenn", "werde", "werden", "wird", "wohl", "wollte", "wurden", "darf", "durfen", "musst",
        "mussen", "musste", "mochten",
    ]

    /// The weights in use.
    public private(set) var weights: Weights
    /// The language's stemmer, stop words and habits.
    public let rules: LanguageRules
    /// The stop words of ``rules``.
    private var stopWords: Set<String> { rules.stopWords }
    /// The number of distinct words in the catalogue's texts.
    public let vocabularySize: Int
    private let stemmer: SnowballStemmer
    private let synonyms: [String: [String]]
    private let splitter: CompoundSplitter
    private let typos: TypoIndex
    private let fuzzy: FuzzyVocabulary
    /// Every catalogue word, analysed and turned into features once, at load time.
    private let known: [String: (analysis: Analysis, features: [(Feature, Double)])]
    /// Mistyped stop words and the stop word each stands for (see ``stopWordSlips(of:besides:)``).
    private let stopWordSlips: [String: String]

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
    /// - Parameter rules: the language; its stemmer is `stemmer`.
    public init(
        texts: [String], synonyms: [String: [String]] = [:], weights: Weights = Weights(), rules: LanguageRules = .german,
        stemmer: SnowballStemmer
    ) {
        self.weights = weights
        self.rules = rules
        self.stemmer = stemmer
        self.synonyms = synonyms
        var frequencies: [String: Int] = [:]
        for text in texts {
            for word in TextNormalizer.tokens(text) { frequencies[word, default: 0] += 1 }
        }
        for expansions in synonyms.values {
            for word in expansions { frequencies[word, default: 0] += 1 }
        }
        self.vocabularySize = frequencies.count
        let stems = Dictionary(uniqueKeysWithValues: frequencies.keys.map { ($0, stemmer.stem($0)) })
        let splitter = CompoundSplitter(stems: stems, stopWords: rules.stopWords, stemmer: stemmer)
        self.splitter = splitter
        let content = frequencies.filter { !rules.stopWords.contains($0.key) }
        // The two indexes of misspellings on one core, every word's analysis on the other.
        let ((typos, fuzzy), (known, stopWordSlips)) = ParallelWork.pair(
            {
                (TypoIndex(words: content), FuzzyVocabulary(words: content.keys))
            },
            {
                var known: [String: (analysis: Analysis, features: [(Feature, Double)])] = [:]
                known.reserveCapacity(stems.count)
                for (word, stem) in stems {
                    // "abzumelden" in a catalogue text reads as abmelden when that is a catalogue word too.
                    let meant = Self.withoutInfixZu(word, particles: rules.infixZuParticles).flatMap { stems[$0] == nil ? nil : $0 } ?? word
                    let analysis = Analysis(
                        word: meant, stem: stems[meant] ?? stem, parts: rules.splitsCompounds ? splitter.split(meant).map(splitter.stem(of:)) : [])
                    known[word] = (analysis, Self.merged(Self.features(of: analysis, weights: weights)))
                }
                return (known, Self.stopWordSlips(of: rules.stopWords, besides: stems))
            })
        self.typos = typos
        self.fuzzy = fuzzy
        self.known = known
        self.stopWordSlips = stopWordSlips
    }

    /// The same analyser without word-pair features (weight 0), for a catalogue whose matching has
    /// no use for them: they serve only the linear model.
    public func withoutWordPairs() -> TextAnalyzer {
        var copy = self
        copy.weights.wordPair = 0
        return copy
    }

    /// The weighted features of `text`.
    public func features(of text: String) -> [Feature: Double] {
        Dictionary(featureList(of: text), uniquingKeysWith: +)
    }

    /// The weighted features of `text`, each once, in order of their hashes: the same as
    /// ``features(of:)``, gathered in an array that is sorted and merged instead of hashed.
    public func featureList(of text: String) -> [(Feature, Double)] {
        featureList(words: TextNormalizer.tokens(text))
    }

    /// ``featureList(of:)-(String)`` for a message analysed once: its words are not split again.
    public func featureList(of utterance: Utterance) -> [(Feature, Double)] {
        featureList(words: utterance.words)
    }

    /// The weighted features of a text's folded words (`TextNormalizer.tokens`).
    private func featureList(words: [String]) -> [(Feature, Double)] {
        var all: [(Feature, Double)] = []
        let (content, function) = splitWords(words)
        // A split-off particle stands last, after its verb ("Wie melde ich das ab?").
        let particle = function.last.flatMap { rules.verbParticles.contains($0) ? $0 : nil }
        let wordPairs = weights.wordPair > 0
        var previousStem: String?
        // A word the catalogue does not know is analysed once per message, however often it recurs,
        // and at most the first `maximumUnknownWords` such words are analysed at all.
        var analysed: [String: (analysis: Analysis, features: [(Feature, Double)])] = [:]
        for word in content {
            guard known[word] != nil || analysed[word] != nil || analysed.count < Self.maximumUnknownWords else { continue }
            let analysis = add(word, to: &all, analysed: &analysed)
            if wordPairs, let previousStem { all.append((.wordPair(previousStem, analysis.stem), weights.wordPair)) }
            previousStem = analysis.stem
            if let particle, let verb = joinedVerb(analysis, particle: particle) { all += Self.features(of: verb, weights: weights) }
            // The synonyms of the word meant, also when it was mistyped ("perrso").
            for synonym in synonyms[analysis.word] ?? [] { add(synonym, to: &all, analysed: &analysed) }
        }
        for word in function { all.append((.functionWord(word), weights.functionWord)) }
        return Self.merged(all)
    }

    /// `features` sorted by hash, each feature once with its weights summed.
    ///
    /// The features of every catalogue word are kept merged like this, so that a message's list
    /// is mostly a few sorted runs, which the standard library's sort finds and merges.
    private static func merged(_ features: [(Feature, Double)]) -> [(Feature, Double)] {
        let sorted = features.sorted { $0.0.hash < $1.0.hash }
        var merged: [(Feature, Double)] = []
        merged.reserveCapacity(sorted.count)
        for (feature, weight) in sorted {
            if let last = merged.last, last.0 == feature {
                merged[merged.count - 1].1 += weight
            } else {
                merged.append((feature, weight))
            }
        }
        return merged
    }

    /// The words of `text` without stop words (all words when nothing else is left).
    public func contentWords(of text: String) -> [String] {
        splitWords(TextNormalizer.tokens(text)).content
    }

    /// The folded words of a text, mistyped stop words set right, in one pass: the content words and
    /// the function words (stop words). A message of stop words only is all content („bis dann“),
    /// with no function words.
    private func splitWords(_ tokens: [String]) -> (content: [String], function: [String]) {
        var content: [String] = [], function: [String] = []
        for token in tokens {
            let word = unslipped(token)
            if stopWords.contains(word) { function.append(word) } else { content.append(word) }
        }
        return content.isEmpty ? (function, []) : (content, function)
    }

    /// `token`, or the stop word it is a slip of when it is no catalogue word ("meni" → mein).
    private func unslipped(_ token: String) -> String {
        known[token] == nil ? stopWordSlips[token] ?? token : token
    }

    /// How each folded word of `text` is read, in order: a stop word (also a mistyped one) as
    /// itself, any other word as ``analyse(word:)`` reads it. For `rathaus ask --words`.
    public func readings(of text: String) -> [(token: String, analysis: Analysis)] {
        TextNormalizer.tokens(text).map { token in
            let word = unslipped(token)
            return (token, stopWords.contains(word) ? Analysis(word: word, stem: word, parts: []) : analyse(word: word))
        }
    }

    /// The most words of one message that the catalogue does not know and that are analysed (typo
    /// search, compounds, similar words): a question holds a few, so further ones are left out
    /// rather than letting a long text in another script or a wall of slips cost more than a question.
    /// The noisiest line of the evaluation and development sets has far fewer.
    static let maximumUnknownWords = 16

    /// Particles that split off a German verb and stand after it ("Wie melde ich das ab?").
    static let verbParticles: Set<String> = ["ab", "an", "um", "aus", "zu", "auf", "nach", "vor", "weg", "ein"]

    /// A verb joined again with its split-off particle when the joined stem is a catalogue stem:
    /// "melde" with "ab" → abmelde (stem abmeld); nil for any other word.
    private func joinedVerb(_ analysis: Analysis, particle: String) -> Analysis? {
        let stem = particle + analysis.stem
        guard analysis.parts.isEmpty, !analysis.stem.hasPrefix(particle), splitter.isKnown(stem: stem) else { return nil }
        return Analysis(word: particle + analysis.word, stem: stem, parts: [])
    }

    /// Every slip of a stop word of four letters or more (one letter dropped, doubled or swapped
    /// with the next: "meni", "hhabe") that is not a word of the catalogue (`vocabulary`: word →
    /// stem), mapped to the stop word.
    private static func stopWordSlips(of stopWords: Set<String>, besides vocabulary: [String: String]) -> [String: String] {
        var slips: [String: String] = [:]
        for stopWord in stopWords.sorted() where stopWord.count >= 4 {
            let letters = Array(stopWord)
            var variants: [[Character]] = []
            for index in letters.indices {
                var dropped = letters, doubled = letters
                dropped.remove(at: index)
                doubled.insert(letters[index], at: index)
                variants += [dropped, doubled]
                if index + 1 < letters.count {
                    var swapped = letters
                    swapped.swapAt(index, index + 1)
                    variants.append(swapped)
                }
            }
            for variant in variants.map({ String($0) }) where !stopWords.contains(variant) && vocabulary[variant] == nil {
                slips[variant] = slips[variant] ?? stopWord
            }
        }
        return slips
    }

    /// What the analyser makes of one folded word: the known word it stands for (itself, or a
    /// correction), its stem, and the stems of its parts when it is a compound.
    public func analyse(word: String) -> Analysis {
        if let entry = known[word] { return entry.analysis }
        // A word with more letters from scripts the catalogue does not use than slips allow (two
        // parts, two slips each) can be no catalogue word, no misspelt one and no compound of
        // them: it stands for itself, and its stem, like the word, is known to no catalogue word.
        guard typos.mayCorrect(word, parts: 2, distance: 2) else { return Analysis(word: word, stem: word, parts: []) }
        if let infinitive = Self.withoutInfixZu(word, particles: rules.infixZuParticles), let entry = known[infinitive] { return entry.analysis }
        let stem = stemmer.stem(word)
        let isMisspelt = !splitter.isKnown(stem: stem) && !word.allSatisfy(\.isNumber)
        if isMisspelt, let corrected = typos.correction(for: word), let entry = known[corrected] { return entry.analysis }
        var parts = split(word).map(splitter.stem(of:))
        if isMisspelt, parts.isEmpty {
            // A near word as long as this one wins; one much shorter may be just one part of a
            // misspelt compound ("hundesteur" in "hundesteuerabmelung") and comes last.
            let nearest = fuzzy.nearest(to: word).flatMap { known[$0] }
            if let nearest, 4 * nearest.analysis.word.utf8.count >= 3 * word.utf8.count { return nearest.analysis }
            // Slips on both sides of a split only for a word that shares its trigrams with the catalogue.
            parts = misspeltCompoundParts(of: word, bothSidesMisspelt: nearest != nil)
            if parts.isEmpty, let nearest { return nearest.analysis }
        }
        return Analysis(word: word, stem: stem, parts: parts)
    }

    /// Particles that take "zu" between themselves and their verb: "abzumelden" is abmelden.
    static let infixZuParticles = ["ab", "an", "auf", "aus", "ein", "mit", "nach", "um", "vor", "weg", "zuruck", "zu"]

    /// `word` without the "zu" after a verb particle ("abzumelden" → abmelden), nil when it has none.
    private static func withoutInfixZu(_ word: String, particles: [String]) -> String? {
        for particle in particles where word.hasPrefix(particle + "zu") {
            let rest = word.dropFirst(particle.count + 2)
            if rest.count >= 4 { return particle + rest }
        }
        return nil
    }

    /// Shortest piece of a misspelt compound that ``misspeltCompoundParts(of:)`` reads as a word.
    static let misspeltPartLength = 4

    /// The stems of the two parts of a misspelt compound ("hundesteuerabmelung" → hund, steur,
    /// abmeld), each part a catalogue word as typed or with one slip set right (``TypoIndex``);
    /// empty when no split works. Of all splits, the one with the fewest slips wins, then the
    /// first. A part that is itself a compound gives its own parts. Splits with a slip on both
    /// sides, the costly ones, are tried only when `bothSidesMisspelt` allows it.
    func misspeltCompoundParts(of word: String, bothSidesMisspelt: Bool = true) -> [String] {
        let bytes = Array(word.utf8)
        let length = Self.misspeltPartLength
        // Each part is a catalogue word with at most one slip, which bounds the word's length and
        // its letters from other scripts: longer words are not cut at all.
        guard rules.splitsCompounds, bytes.count >= 2 * length, typos.mayCorrect(word, parts: 2, distance: 1) else { return [] }
        let cuts = Array(length...(bytes.count - length))
        let parts = { (left: Analysis, right: Analysis) in [left, right].flatMap { $0.parts.isEmpty ? [$0.stem] : $0.parts } }
        // The sides as typed first: cheap lookups.
        let exact = cuts.map { (left: exactPart(bytes[..<$0]), right: exactPart(bytes[$0...])) }
        for sides in exact { if let left = sides.left, let right = sides.right { return parts(left, right) } }
        for (cut, sides) in zip(cuts, exact) {
            if let left = sides.left, let right = correctedPart(bytes[cut...]) { return parts(left, right) }
            if let right = sides.right, let left = correctedPart(bytes[..<cut]) { return parts(left, right) }
        }
        guard bothSidesMisspelt else { return [] }
        for cut in cuts {
            if let left = correctedPart(bytes[..<cut]), let right = correctedPart(bytes[cut...]) { return parts(left, right) }
        }
        return []
    }

    /// A piece of a word that is a catalogue content word as typed.
    private func exactPart(_ bytes: ArraySlice<UInt8>) -> Analysis? {
        // A piece of plain letters is such a word only if it is one of the splitter's parts: a
        // lookup that builds no string, and most pieces are not.
        let isPlainLetters = !bytes.contains { $0 >= 0x80 || ($0 >= 0x30 && $0 <= 0x39) }
        guard !isPlainLetters || splitter.isPart(bytes) else { return nil }
        let piece = String(decoding: bytes, as: UTF8.self)
        guard let entry = known[piece], !stopWords.contains(piece) else { return nil }
        return entry.analysis
    }

    /// A piece of a word that is a catalogue content word with one slip set right.
    private func correctedPart(_ bytes: ArraySlice<UInt8>) -> Analysis? {
        typos.correction(for: String(decoding: bytes, as: UTF8.self), maximumDistance: 1).flatMap { known[$0]?.analysis }
    }

    /// Splits a compound into at least two known parts, with the fewest parts; empty if it is none.
    public func split(_ word: String) -> [String] {
        rules.splitsCompounds ? splitter.split(word) : []
    }

    /// Adds the features of one word: looked up for catalogue words and for words of this message
    /// already `analysed`, computed (and remembered there) for any other. Returns what the word was read as.
    @discardableResult
    private func add(
        _ word: String, to features: inout [(Feature, Double)],
        analysed: inout [String: (analysis: Analysis, features: [(Feature, Double)])]
    ) -> Analysis {
        if let entry = known[word] ?? analysed[word] {
            features += entry.features
            return entry.analysis
        }
        let analysis = analyse(word: word)
        let wordFeatures = Self.features(of: analysis, weights: weights)
        analysed[word] = (analysis, wordFeatures)
        features += wordFeatures
        return analysis
    }

    /// The stem, the stems of the compound parts and the character n-grams of an analysed word.
    private static func features(of analysis: Analysis, weights: Weights) -> [(Feature, Double)] {
        var features: [(Feature, Double)] = [(.stem(analysis.stem), weights.stem)]
        for part in analysis.parts where part != analysis.stem {
            features.append((.stem(part), weights.compoundPart))
        }
        guard !analysis.word.allSatisfy(\.isNumber) else { return features }
        let marked: [Unicode.Scalar] = ["<"] + Array(analysis.word.unicodeScalars) + [">"]
        for length in weights.gramLengths where marked.count >= length {
            for start in 0...(marked.count - length) {
                features.append((.gram(marked, start..<(start + length)), weights.gram))
            }
        }
        return features
    }
}

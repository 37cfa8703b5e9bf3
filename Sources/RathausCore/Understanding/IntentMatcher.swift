import Foundation

/// Recognises the intent of an utterance: the text pipeline (``TextAnalyzer``) turns it into
/// features, and a ``SimilarityIndex`` over the intents' examples scores every intent.
///
/// The out-of-scope examples form one more class. An utterance is out of scope when that class
/// scores at least as high as the best intent, or the best intent scores below the threshold.
/// Built once per catalogue at load time; nothing is trained.
public struct IntentMatcher: Sendable {
    /// Two intents whose scores are closer than this are offered as a choice ("Meinten Sie A oder B?").
    public static let clarificationMargin = 0.03

    /// Share of in-scope examples that the calibrated threshold may reject when left out.
    public static let calibrationFalseRejection = 0.05

    /// At most this many examples are left out in turn for calibration, evenly spread, so that
    /// large catalogues stay quick to load.
    static let calibrationSampleLimit = 2000

    /// Score below which the answer is "out of scope".
    public let threshold: Double
    /// The text pipeline built from this catalogue's vocabulary.
    public let analyzer: TextAnalyzer
    private let index: SimilarityIndex
    /// The intent ids; the index's last class, one past them, is "out of scope".
    private let intentIDs: [String]

    /// Builds the index from every intent's examples and, for services, the name and synonyms.
    ///
    /// Without a `threshold`, it is calibrated on the catalogue itself: each example is left out in
    /// turn and matched against the rest, and the threshold is set so that 5 % of these unseen
    /// in-scope examples would be rejected (``calibrationFalseRejection``).
    /// Throws only when libstemmer lacks its German stemmer.
    public init(catalog: Catalog, threshold: Double? = nil) throws(SnowballStemmer.CreationError) {
        let intentIDs = catalog.intents.map(\.id)
        let outOfScope = intentIDs.count
        var texts: [(classIndex: Int, text: String)] = []
        for (index, intent) in catalog.intents.enumerated() {
            let entry = catalog.knowledge[intent.id]
            let phrases = intent.examples + (entry.map { [$0.name] + $0.synonyms } ?? [])
            texts += phrases.map { (index, $0) }
        }
        texts += catalog.outOfScopeExamples.map { (outOfScope, $0) }
        let analyzer = TextAnalyzer(
            texts: texts.map(\.text), synonyms: Self.foldedSynonyms(catalog.synonyms),
            stemmer: try SnowballStemmer(algorithm: "german"))
        let documents: [SimilarityIndex.Document] = texts.compactMap { classIndex, text in
            let features = analyzer.features(of: text)
            return features.isEmpty ? nil : (classIndex, features)
        }
        let index = SimilarityIndex(documents: documents, classCount: intentIDs.count + 1)
        self.analyzer = analyzer
        self.index = index
        self.intentIDs = intentIDs
        self.threshold = threshold ?? Self.calibratedThreshold(index, documents, outOfScope: outOfScope)
    }

    /// Scores every intent for `text` and picks the best, or none when it is below the threshold or
    /// closer to an out-of-scope example.
    public func match(_ text: String) -> IntentMatch {
        var scores = index.scores(analyzer.features(of: text))
        let outOfScopeScore = scores.removeLast()
        let ranked = Self.ranked(scores, ids: intentIDs)
        guard let best = ranked.first else { return IntentMatch(intent: nil, confidence: 0, alternatives: []) }
        let alternativeFloor = threshold * 0.75
        let alternatives = ranked.dropFirst().prefix(3).filter { $0.confidence >= alternativeFloor }
        let accepted = best.confidence >= threshold && best.confidence > outOfScopeScore
        return IntentMatch(
            intent: accepted ? best.intent : nil,
            confidence: best.confidence,
            alternatives: Array(alternatives))
    }

    /// All intents with a score above zero, best first.
    public func rank(_ text: String) -> [IntentMatch.Candidate] {
        Self.ranked(index.scores(analyzer.features(of: text)).dropLast(), ids: intentIDs)
    }

    /// The score below which `calibrationFalseRejection` of the left-out in-scope examples fall; an
    /// example closer to the out-of-scope class than to any intent counts as rejected at any threshold.
    private static func calibratedThreshold(_ index: SimilarityIndex, _ documents: [SimilarityIndex.Document], outOfScope: Int) -> Double {
        let stride = max(1, documents.count / calibrationSampleLimit)
        let acceptance = Swift.stride(from: 0, to: documents.count, by: stride)
            .filter { documents[$0].classIndex != outOfScope }
            .map { number -> Double in
                var scores = index.scores(documents[number].features, excludingDocument: number)
                let outOfScopeScore = scores.removeLast()
                let best = scores.max() ?? 0
                return best > outOfScopeScore ? best : 0
            }
            .sorted()
        guard !acceptance.isEmpty else { return 0 }
        return acceptance[min(acceptance.count - 1, Int(Double(acceptance.count) * calibrationFalseRejection))]
    }

    private static func ranked(_ intentScores: some Collection<Double>, ids intentIDs: [String]) -> [IntentMatch.Candidate] {
        intentScores.enumerated()
            .filter { $0.element > 0 }
            .sorted { $0.element > $1.element }
            .map { IntentMatch.Candidate(intent: intentIDs[$0.offset], confidence: min(1, $0.element)) }
    }

    /// Synonyms with folded keys and values, each value split into words.
    private static func foldedSynonyms(_ synonyms: [String: [String]]) -> [String: [String]] {
        var folded: [String: [String]] = [:]
        for (word, meanings) in synonyms {
            for key in TextNormalizer.tokens(word) {
                folded[key, default: []] += meanings.flatMap(TextNormalizer.tokens)
            }
        }
        return folded
    }
}

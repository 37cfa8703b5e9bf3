import Foundation

/// Recognises the intent of an utterance by TF-IDF cosine similarity to the intents' examples
/// (nearest neighbour), over words and character n-grams.
///
/// An utterance is out of scope when its best intent scores below the threshold, or when it is
/// closer to one of the catalogue's out-of-scope examples than to any intent's example.
///
/// Built once per catalogue at load time (nothing to train); matching is a sparse dot product over an
/// inverted index. Features of the query that the catalogue has never seen still count in its norm,
/// so a question about unknown things scores low and is rejected as out of scope.
public struct IntentMatcher: Sendable {
    /// Two intents whose scores are closer than this are offered as a choice ("Meinten Sie A oder B?").
    public static let clarificationMargin = 0.03

    /// Share of in-scope examples that the calibrated threshold may reject when left out.
    public static let calibrationFalseRejection = 0.05

    /// Score below which the answer is "out of scope".
    public private(set) var threshold: Double
    /// The text pipeline built from this catalogue's vocabulary.
    public let analyzer: TextAnalyzer
    private let featureIndex: [Feature: Int32]
    private let inverseDocumentFrequency: [Double]
    private let unseenInverseDocumentFrequency: Double
    /// For each feature, the documents containing it and their normalised weights.
    private let postings: [[(document: Int32, weight: Float)]]
    /// For each feature, the intents (and, last, the out-of-scope class) whose centroid contains it.
    private let centroidPostings: [[(intent: Int32, weight: Float)]]
    /// Share of the nearest example in an intent's score; the rest is the similarity to its centroid.
    private let nearestShare = 0.5
    /// The features of each document, for leave-one-out calibration.
    private let documentFeatures: [[Feature: Double]]
    /// The intent (index into `intentIDs`) of each document.
    private let documentIntent: [Int32]
    private let intentIDs: [String]

    /// Builds the index from every intent's examples and, for services, the name and synonyms.
    ///
    /// Throws only when libstemmer lacks its German stemmer.
    /// Without a `threshold`, it is calibrated on the catalogue itself: each example is left out in
    /// turn and matched against the rest, and the threshold is set so that 5 % of these unseen
    /// in-scope examples would be rejected (``calibrationFalseRejection``).
    public init(
        catalog: Catalog, threshold: Double? = nil,
        weights: TextAnalyzer.Weights = TextAnalyzer.Weights()
    ) throws(SnowballStemmer.CreationError) {
        self.threshold = threshold ?? 0
        var texts: [(intent: Int32, text: String)] = []
        var intentIDs: [String] = []
        for (index, intent) in catalog.intents.enumerated() {
            intentIDs.append(intent.id)
            var phrases = intent.examples
            if let entry = catalog.knowledge[intent.id] {
                phrases.append(entry.name)
                phrases += entry.synonyms
            }
            texts += phrases.map { (Int32(index), $0) }
        }
        texts += catalog.outOfScopeExamples.map { (Self.outOfScopeIntent, $0) }
        let analyzer = TextAnalyzer(
            texts: texts.map(\.text), synonyms: Self.foldedSynonyms(catalog.synonyms),
            weights: weights, stemmer: try SnowballStemmer(algorithm: "german"))
        self.analyzer = analyzer
        var documents: [(intent: Int32, features: [Feature: Double])] = []
        for (intent, text) in texts {
            let features = analyzer.features(of: text)
            if !features.isEmpty { documents.append((intent, features)) }
        }
        var featureIndex: [Feature: Int32] = [:]
        var documentFrequency: [Int] = []
        for document in documents {
            for feature in document.features.keys {
                if let id = featureIndex[feature] {
                    documentFrequency[Int(id)] += 1
                } else {
                    featureIndex[feature] = Int32(documentFrequency.count)
                    documentFrequency.append(1)
                }
            }
        }
        let count = Double(documents.count)
        let idf = documentFrequency.map { log((count + 1) / (Double($0) + 1)) + 1 }
        var postings = [[(document: Int32, weight: Float)]](repeating: [], count: idf.count)
        for (documentNumber, document) in documents.enumerated() {
            var weighted: [(Int, Double)] = []
            var squared = 0.0
            for (feature, frequency) in document.features {
                let id = Int(featureIndex[feature]!)
                let weight = Self.dampen(frequency) * idf[id]
                weighted.append((id, weight))
                squared += weight * weight
            }
            let norm = squared.squareRoot()
            for (id, weight) in weighted {
                postings[id].append((Int32(documentNumber), Float(weight / norm)))
            }
        }
        // Centroid of each intent (the out-of-scope class is the last): the normalised sum of its examples.
        let classCount = intentIDs.count + 1
        var sums = [[Int: Double]](repeating: [:], count: classCount)
        for (feature, list) in postings.enumerated() {
            for posting in list {
                let intent = documents[Int(posting.document)].intent
                let index = intent == Self.outOfScopeIntent ? intentIDs.count : Int(intent)
                sums[index][feature, default: 0] += Double(posting.weight)
            }
        }
        var centroidPostings = [[(intent: Int32, weight: Float)]](repeating: [], count: idf.count)
        for (index, sum) in sums.enumerated() {
            let norm = sum.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            for (feature, value) in sum {
                centroidPostings[feature].append((Int32(index), Float(value / norm)))
            }
        }
        self.centroidPostings = centroidPostings
        self.featureIndex = featureIndex
        self.inverseDocumentFrequency = idf
        self.unseenInverseDocumentFrequency = log(count + 1) + 1
        self.postings = postings
        self.documentIntent = documents.map(\.intent)
        self.documentFeatures = documents.map(\.features)
        self.intentIDs = intentIDs
        if threshold == nil { self.threshold = calibratedThreshold() }
    }

    /// Marks documents made from out-of-scope examples.
    private static let outOfScopeIntent: Int32 = -1

    /// Scores every intent for `text` and picks the best, or none when it is below the threshold or
    /// closer to an out-of-scope example.
    public func match(_ text: String) -> IntentMatch {
        let scores = score(text)
        let ranked = Self.ranked(scores.intents, ids: intentIDs)
        guard let best = ranked.first else { return IntentMatch(intent: nil, confidence: 0, alternatives: []) }
        let alternativeFloor = threshold * 0.75
        let alternatives = ranked.dropFirst().prefix(3).filter { $0.confidence >= alternativeFloor }
        let accepted = best.confidence >= threshold && best.confidence > scores.outOfScope
        return IntentMatch(
            intent: accepted ? best.intent : nil,
            confidence: best.confidence,
            alternatives: Array(alternatives))
    }

    /// All intents with a score above zero, best first; an intent's score is that of its closest example.
    public func rank(_ text: String) -> [IntentMatch.Candidate] {
        Self.ranked(score(text).intents, ids: intentIDs)
    }

    /// The score below which `calibrationFalseRejection` of the left-out in-scope examples fall.
    private func calibratedThreshold() -> Double {
        let acceptance = leaveOneOut()
            .filter { $0.intent != Self.outOfScopeIntent }
            .map { max($0.own, $0.bestOther) > $0.outOfScope ? max($0.own, $0.bestOther) : 0 }
            .sorted()
        guard !acceptance.isEmpty else { return 0 }
        let index = min(acceptance.count - 1, Int(Double(acceptance.count) * Self.calibrationFalseRejection))
        return acceptance[index]
    }

    /// How each catalogue example fares when it is left out of the nearest-example search: its own
    /// intent's score, the best other intent's score and the out-of-scope score. Samples at most
    /// `limit` examples, evenly spread, so that large catalogues stay quick to load.
    func leaveOneOut(limit: Int = 2000) -> [(intent: Int32, own: Double, bestOther: Double, outOfScope: Double)] {
        let stride = max(1, documentIntent.count / limit)
        return Swift.stride(from: 0, to: documentIntent.count, by: stride).map { document in
            let scores = score(documentFeatures[document], excludingDocument: document)
            let intent = documentIntent[document]
            if intent == Self.outOfScopeIntent {
                return (intent, scores.outOfScope, scores.intents.max() ?? 0, scores.outOfScope)
            }
            var others = scores.intents
            others[Int(intent)] = 0
            return (intent, scores.intents[Int(intent)], others.max() ?? 0, scores.outOfScope)
        }
    }

    /// The best score of each intent (by index) and of the out-of-scope examples.
    private func score(_ text: String) -> (intents: [Double], outOfScope: Double) {
        score(analyzer.features(of: text), excludingDocument: nil)
    }

    private func score(_ features: [Feature: Double], excludingDocument excluded: Int?) -> (intents: [Double], outOfScope: Double) {
        var intentScores = [Double](repeating: 0, count: intentIDs.count)
        var outOfScopeScore = 0.0
        guard !features.isEmpty else { return (intentScores, outOfScopeScore) }
        var query: [(Int, Double)] = []
        var squared = 0.0
        for (feature, frequency) in features {
            if let id = featureIndex[feature] {
                let weight = Self.dampen(frequency) * inverseDocumentFrequency[Int(id)]
                query.append((Int(id), weight))
                squared += weight * weight
            } else {
                let weight = Self.dampen(frequency) * unseenInverseDocumentFrequency
                squared += weight * weight
            }
        }
        // A fixed order of summation, so that equal texts always get bit-identical scores.
        query.sort { $0.0 < $1.0 }
        let norm = squared.squareRoot()
        var documentScores = [Double](repeating: 0, count: documentIntent.count)
        for (id, weight) in query {
            let normalised = weight / norm
            for posting in postings[id] {
                documentScores[Int(posting.document)] += normalised * Double(posting.weight)
            }
        }
        var centroidScores = [Double](repeating: 0, count: intentIDs.count + 1)
        for (id, weight) in query {
            let normalised = weight / norm
            for posting in centroidPostings[id] {
                centroidScores[Int(posting.intent)] += normalised * Double(posting.weight)
            }
        }
        if let excluded { documentScores[excluded] = 0 }
        for (document, score) in documentScores.enumerated() {
            let intent = documentIntent[document]
            if intent == Self.outOfScopeIntent {
                outOfScopeScore = max(outOfScopeScore, score)
            } else if score > intentScores[Int(intent)] {
                intentScores[Int(intent)] = score
            }
        }
        for index in intentScores.indices {
            intentScores[index] = nearestShare * intentScores[index] + (1 - nearestShare) * centroidScores[index]
        }
        outOfScopeScore = nearestShare * outOfScopeScore + (1 - nearestShare) * centroidScores[intentIDs.count]
        return (intentScores, outOfScopeScore)
    }

    private static func ranked(_ intentScores: [Double], ids intentIDs: [String]) -> [IntentMatch.Candidate] {
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

    /// Sub-linear term frequency, so a repeated word does not dominate.
    private static func dampen(_ frequency: Double) -> Double {
        1 + log(frequency)
    }
}

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
    /// The default score below which an utterance is out of scope.
    public static let defaultThreshold = 0.30

    /// Score below which the answer is "out of scope".
    public let threshold: Double
    private let extractor = FeatureExtractor()
    private let featureIndex: [String: Int32]
    private let inverseDocumentFrequency: [Double]
    private let unseenInverseDocumentFrequency: Double
    /// For each feature, the documents containing it and their normalised weights.
    private let postings: [[(document: Int32, weight: Float)]]
    /// The intent (index into `intentIDs`) of each document.
    private let documentIntent: [Int32]
    private let intentIDs: [String]

    /// Builds the index from every intent's examples and, for services, the name and synonyms.
    public init(catalog: Catalog, threshold: Double = IntentMatcher.defaultThreshold) {
        self.threshold = threshold
        var documents: [(intent: Int32, features: [String: Double])] = []
        var intentIDs: [String] = []
        let extractor = FeatureExtractor()
        for (index, intent) in catalog.intents.enumerated() {
            intentIDs.append(intent.id)
            var texts = intent.examples
            if let entry = catalog.knowledge[intent.id] {
                texts.append(entry.name)
                texts += entry.synonyms
            }
            for text in texts {
                let features = extractor.features(of: text)
                if !features.isEmpty { documents.append((Int32(index), features)) }
            }
        }
        for text in catalog.outOfScopeExamples {
            let features = extractor.features(of: text)
            if !features.isEmpty { documents.append((Self.outOfScopeIntent, features)) }
        }
        var featureIndex: [String: Int32] = [:]
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
        self.featureIndex = featureIndex
        self.inverseDocumentFrequency = idf
        self.unseenInverseDocumentFrequency = log(count + 1) + 1
        self.postings = postings
        self.documentIntent = documents.map(\.intent)
        self.intentIDs = intentIDs
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

    /// The best score of each intent (by index) and of the out-of-scope examples.
    private func score(_ text: String) -> (intents: [Double], outOfScope: Double) {
        var intentScores = [Double](repeating: 0, count: intentIDs.count)
        var outOfScopeScore = 0.0
        let features = extractor.features(of: text)
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
        let norm = squared.squareRoot()
        var documentScores = [Double](repeating: 0, count: documentIntent.count)
        for (id, weight) in query {
            let normalised = weight / norm
            for posting in postings[id] {
                documentScores[Int(posting.document)] += normalised * Double(posting.weight)
            }
        }
        for (document, score) in documentScores.enumerated() {
            let intent = documentIntent[document]
            if intent == Self.outOfScopeIntent {
                outOfScopeScore = max(outOfScopeScore, score)
            } else if score > intentScores[Int(intent)] {
                intentScores[Int(intent)] = score
            }
        }
        return (intentScores, outOfScopeScore)
    }

    private static func ranked(_ intentScores: [Double], ids intentIDs: [String]) -> [IntentMatch.Candidate] {
        intentScores.enumerated()
            .filter { $0.element > 0 }
            .sorted { $0.element > $1.element }
            .map { IntentMatch.Candidate(intent: intentIDs[$0.offset], confidence: min(1, $0.element)) }
    }

    /// Sub-linear term frequency, so a repeated word does not dominate.
    private static func dampen(_ frequency: Double) -> Double {
        1 + log(frequency)
    }
}

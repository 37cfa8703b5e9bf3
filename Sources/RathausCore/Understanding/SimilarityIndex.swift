import Foundation

/// A TF-IDF index over documents that belong to classes, scoring a feature vector against every class.
///
/// For each class it measures two cosine similarities: to its closest document (nearest neighbour,
/// without the n-grams common to many documents, see ``crowdedGramShare``) and to its centroid, the
/// normalised sum of its documents; a class's score is their mean. Features the index has never
/// seen still count in the query's norm, so text about unknown things scores low everywhere.
/// Matching is a sparse dot product over inverted lists; nothing is trained. Features of the kinds
/// given as `unscored` (function words, word pairs) have ids and weights in vectors, for the linear
/// model, but no part in the similarities.
public struct SimilarityIndex: Sendable {
    /// One document: its class and its weighted features.
    typealias Document = (classIndex: Int, features: [(Feature, Double)])

    /// Share of the nearest document in a class's score; the rest is the similarity to its centroid.
    static let nearestShare = 0.5
    /// A character n-gram found in more than this share of the documents (and in more than
    /// ``crowdedGramMinimum``) is left out of the nearest-document search: it tells documents
    /// apart poorly, yet its long list made most of the search's work. It still counts in the norms,
    /// in the centroids and in the linear model. Leaving out the n-grams above 1 % changed no figure
    /// of the four development sets and no conversation test, and roughly halved the search.
    static let crowdedGramShare = 0.01
    /// Fewest documents a crowded n-gram is in, so that a small catalogue keeps all of them.
    static let crowdedGramMinimum = 12

    /// The two similarities of every class to one query.
    struct ClassScores {
        /// Cosine similarity to the class's closest document.
        var nearest: [Double]
        /// Cosine similarity to the class's centroid.
        var centroid: [Double]

        /// A class's score: the mean of ``nearest`` and ``centroid`` (weighted by ``nearestShare``).
        func combined(_ classIndex: Int) -> Double {
            SimilarityIndex.nearestShare * nearest[classIndex] + (1 - SimilarityIndex.nearestShare) * centroid[classIndex]
        }
    }

    /// Number of classes; scores come as one value per class.
    let classCount: Int
    private let featureIndex: HashTable
    private let inverseDocumentFrequency: [Double]
    private let unseenInverseDocumentFrequency: Double
    /// For each feature, the documents containing it and their normalised weights.
    private let postings: PostingLists
    /// For each feature, the classes whose centroid contains it and its normalised weight there.
    private let centroidPostings: PostingLists
    /// The class of each document.
    private let documentClass: [Int32]
    /// For each feature id, whether it takes part in the similarities.
    private let isScored: [Bool]

    /// Indexes `documents`; every class index must be below `classCount`. Features of the kinds in
    /// `unscored` are numbered and weighted but left out of the similarities.
    init(documents: [Document], classCount: Int, unscored: Set<Feature.Kind> = []) {
        self.classCount = classCount
        var featureIndex: [Feature: Int32] = [:]
        var documentFrequency: [Int] = []
        var isScored: [Bool] = []
        for document in documents {
            for (feature, _) in document.features {
                if let id = featureIndex[feature] {
                    documentFrequency[Int(id)] += 1
                } else {
                    featureIndex[feature] = Int32(documentFrequency.count)
                    documentFrequency.append(1)
                    isScored.append(!unscored.contains(feature.kind))
                }
            }
        }
        let count = Double(documents.count)
        let idf = documentFrequency.map { log((count + 1) / (Double($0) + 1)) + 1 }
        let crowdedFrequency = max(Double(Self.crowdedGramMinimum), Self.crowdedGramShare * count)
        var isCrowded = [Bool](repeating: false, count: idf.count)
        for (feature, id) in featureIndex where feature.kind == .gram && Double(documentFrequency[Int(id)]) > crowdedFrequency {
            isCrowded[Int(id)] = true
        }
        var postings = [[(target: Int32, weight: Float)]](repeating: [], count: idf.count)
        var centroidSums = [[Int: Double]](repeating: [:], count: classCount)
        for (number, document) in documents.enumerated() {
            let weighted = document.features.compactMap { feature, frequency -> (Int, Double)? in
                let id = Int(featureIndex[feature]!)
                return isScored[id] ? (id, Self.dampen(frequency) * idf[id]) : nil
            }
            let norm = weighted.reduce(0) { $0 + $1.1 * $1.1 }.squareRoot()
            for (id, weight) in weighted {
                let normalised = Float(weight / norm)
                if !isCrowded[id] { postings[id].append((Int32(number), normalised)) }
                centroidSums[document.classIndex][id, default: 0] += Double(normalised)
            }
        }
        var centroidPostings = [[(target: Int32, weight: Float)]](repeating: [], count: idf.count)
        for (classIndex, sum) in centroidSums.enumerated() {
            let norm = sum.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            for (id, value) in sum {
                centroidPostings[id].append((Int32(classIndex), Float(value / norm)))
            }
        }
        self.featureIndex = HashTable(featureIndex.map { (key: $0.key.hash, value: $0.value) })
        self.inverseDocumentFrequency = idf
        self.unseenInverseDocumentFrequency = log(count + 1) + 1
        self.postings = PostingLists(postings)
        self.centroidPostings = PostingLists(centroidPostings)
        self.documentClass = documents.map { Int32($0.classIndex) }
        self.isScored = isScored
    }

    /// A query or document as the index weighs it: feature ids with TF-IDF weights, normalised
    /// to length 1 and sorted by id. Features the index has never seen count in the norm only.
    public typealias Vector = [(id: Int, weight: Double)]

    /// Number of distinct features in the indexed documents; every ``Vector`` id is below it.
    var featureCount: Int { inverseDocumentFrequency.count }

    /// The normalised TF-IDF vector of `features` (each feature once, with its frequency).
    func vector(_ features: [(Feature, Double)]) -> Vector {
        var known: [(id: Int32, weight: Double)] = []
        known.reserveCapacity(features.count)
        var squared = 0.0
        for (feature, frequency) in features {
            let id = featureIndex[feature.hash]
            let weight = Self.dampen(frequency) * (id.map { inverseDocumentFrequency[Int($0)] } ?? unseenInverseDocumentFrequency)
            squared += weight * weight
            if let id { known.append((id, weight)) }
        }
        // A fixed order of summation, so that equal texts always get bit-identical scores: by id,
        // sorted as plain numbers (id and position packed into one), which is cheaper than
        // sorting the pairs.
        var order = known.indices.map { UInt64(UInt32(known[$0].id)) << 32 | UInt64($0) }
        order.sort()
        let norm = squared.squareRoot()
        return order.map { key in
            let (id, weight) = known[Int(key & 0xFFFF_FFFF)]
            return (Int(id), weight / norm)
        }
    }

    /// The similarities of every class to a query vector; `excludingDocument` leaves one document
    /// out of the nearest-document search (for leave-one-out calibration).
    func scores(_ query: Vector, excludingDocument excluded: Int? = nil) -> ClassScores {
        var classScores = [Double](repeating: 0, count: classCount)
        guard !query.isEmpty else { return ClassScores(nearest: classScores, centroid: classScores) }
        var documentScores = [Float](repeating: 0, count: documentClass.count)
        var centroidScores = [Float](repeating: 0, count: classCount)
        // The query without its unscored features, normalised again.
        let unscoredSquares = query.reduce(0.0) { isScored[$1.id] ? $0 : $0 + $1.weight * $1.weight }
        guard unscoredSquares < 1 - 1e-9 else { return ClassScores(nearest: classScores, centroid: classScores) }
        let scale = 1 / (1 - unscoredSquares).squareRoot()
        documentScores.withUnsafeMutableBufferPointer { documentScores in
            centroidScores.withUnsafeMutableBufferPointer { centroidScores in
                for (id, weight) in query where isScored[id] {
                    postings.accumulate(id, times: Float(weight * scale), into: documentScores)
                    centroidPostings.accumulate(id, times: Float(weight * scale), into: centroidScores)
                }
            }
        }
        if let excluded { documentScores[excluded] = 0 }
        documentClass.withUnsafeBufferPointer { documentClass in
            classScores.withUnsafeMutableBufferPointer { classScores in
                for (document, score) in documentScores.enumerated() where score > 0 {
                    let classIndex = Int(documentClass[document])
                    classScores[classIndex] = max(classScores[classIndex], Double(score))
                }
            }
        }
        return ClassScores(nearest: classScores, centroid: centroidScores.map(Double.init))
    }

    /// Sub-linear term frequency, so a repeated word does not dominate.
    private static func dampen(_ frequency: Double) -> Double {
        1 + log(frequency)
    }
}

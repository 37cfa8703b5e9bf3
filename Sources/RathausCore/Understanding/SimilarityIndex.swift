import Foundation

/// A TF-IDF index over documents that belong to classes, scoring a feature vector against every class.
///
/// A class's score is the mean of two cosine similarities: to its closest document (nearest
/// neighbour) and to its centroid, the normalised sum of its documents. Features the index has never
/// seen still count in the query's norm, so text about unknown things scores low everywhere.
/// Matching is a sparse dot product over inverted lists; nothing is trained.
struct SimilarityIndex: Sendable {
    /// One document: its class and its weighted features.
    typealias Document = (classIndex: Int, features: [Feature: Double])

    /// Share of the nearest document in a class's score; the rest is the similarity to its centroid.
    static let nearestShare = 0.5

    /// Number of classes; scores come as one value per class.
    let classCount: Int
    private let featureIndex: [Feature: Int32]
    private let inverseDocumentFrequency: [Double]
    private let unseenInverseDocumentFrequency: Double
    /// For each feature, the documents containing it and their normalised weights.
    private let postings: [[(document: Int32, weight: Float)]]
    /// For each feature, the classes whose centroid contains it and its normalised weight there.
    private let centroidPostings: [[(classIndex: Int32, weight: Float)]]
    /// The class of each document.
    private let documentClass: [Int32]

    /// Indexes `documents`; every class index must be below `classCount`.
    init(documents: [Document], classCount: Int) {
        self.classCount = classCount
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
        var centroidSums = [[Int: Double]](repeating: [:], count: classCount)
        for (number, document) in documents.enumerated() {
            let weighted = document.features.map { feature, frequency in
                let id = Int(featureIndex[feature]!)
                return (id, Self.dampen(frequency) * idf[id])
            }
            let norm = weighted.reduce(0) { $0 + $1.1 * $1.1 }.squareRoot()
            for (id, weight) in weighted {
                let normalised = Float(weight / norm)
                postings[id].append((Int32(number), normalised))
                centroidSums[document.classIndex][id, default: 0] += Double(normalised)
            }
        }
        var centroidPostings = [[(classIndex: Int32, weight: Float)]](repeating: [], count: idf.count)
        for (classIndex, sum) in centroidSums.enumerated() {
            let norm = sum.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            for (id, value) in sum {
                centroidPostings[id].append((Int32(classIndex), Float(value / norm)))
            }
        }
        self.featureIndex = featureIndex
        self.inverseDocumentFrequency = idf
        self.unseenInverseDocumentFrequency = log(count + 1) + 1
        self.postings = postings
        self.centroidPostings = centroidPostings
        self.documentClass = documents.map { Int32($0.classIndex) }
    }

    /// The score of every class for `features`; `excludingDocument` leaves one document out of the
    /// nearest-document search (for leave-one-out calibration).
    func scores(_ features: [Feature: Double], excludingDocument excluded: Int? = nil) -> [Double] {
        var classScores = [Double](repeating: 0, count: classCount)
        guard !features.isEmpty else { return classScores }
        var query: [(id: Int, weight: Double)] = []
        var squared = 0.0
        for (feature, frequency) in features {
            let id = featureIndex[feature]
            let weight = Self.dampen(frequency) * (id.map { inverseDocumentFrequency[Int($0)] } ?? unseenInverseDocumentFrequency)
            squared += weight * weight
            if let id { query.append((Int(id), weight)) }
        }
        // A fixed order of summation, so that equal texts always get bit-identical scores.
        query.sort { $0.id < $1.id }
        let norm = squared.squareRoot()
        var documentScores = [Double](repeating: 0, count: documentClass.count)
        var centroidScores = [Double](repeating: 0, count: classCount)
        for (id, weight) in query {
            let normalised = weight / norm
            for posting in postings[id] {
                documentScores[Int(posting.document)] += normalised * Double(posting.weight)
            }
            for posting in centroidPostings[id] {
                centroidScores[Int(posting.classIndex)] += normalised * Double(posting.weight)
            }
        }
        if let excluded { documentScores[excluded] = 0 }
        for (document, score) in documentScores.enumerated() {
            let classIndex = Int(documentClass[document])
            classScores[classIndex] = max(classScores[classIndex], score)
        }
        for index in classScores.indices {
            classScores[index] = Self.nearestShare * classScores[index] + (1 - Self.nearestShare) * centroidScores[index]
        }
        return classScores
    }

    /// Sub-linear term frequency, so a repeated word does not dominate.
    private static func dampen(_ frequency: Double) -> Double {
        1 + log(frequency)
    }
}

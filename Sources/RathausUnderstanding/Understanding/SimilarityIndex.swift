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
        self = Self.indexing(documents, classCount: classCount, unscored: unscored).index
    }

    /// Indexes `documents` (see ``init(documents:classCount:unscored:)``) and gives, besides the
    /// index, each document's ``Vector``, as ``vector(_:)`` would weigh its features.
    ///
    /// Features are numbered in the order they first appear. Building runs on flat arrays: the
    /// features of every document as ids, counted into the posting lists and summed into the
    /// centroids class by class, so that no dictionary is filled per document.
    static func indexing(
        _ documents: [Document], classCount: Int,
        unscored: Set<Feature.Kind> = []
    ) -> (index: SimilarityIndex, documentVectors: [Vector]) {
        // Every document's features as ids (document after document) with their frequencies.
        var featureIndex = HashTable()
        var documentFrequency: [Int] = [], isScored: [Bool] = [], isGram: [Bool] = []
        var starts = [0], ids: [Int32] = [], frequencies: [Double] = []
        let occurrences = documents.reduce(0) { $0 + $1.features.count }
        ids.reserveCapacity(occurrences)
        frequencies.reserveCapacity(occurrences)
        for document in documents {
            for (feature, frequency) in document.features {
                let id = featureIndex.value(for: feature.hash, insertingIfAbsent: Int32(documentFrequency.count))
                if Int(id) == documentFrequency.count {
                    documentFrequency.append(1)
                    isScored.append(!unscored.contains(feature.kind))
                    isGram.append(feature.kind == .gram)
                } else {
                    documentFrequency[Int(id)] += 1
                }
                ids.append(id)
                frequencies.append(frequency)
            }
            starts.append(ids.count)
        }
        let count = Double(documents.count)
        let idf = documentFrequency.map { log((count + 1) / (Double($0) + 1)) + 1 }
        let crowdedFrequency = max(Double(Self.crowdedGramMinimum), Self.crowdedGramShare * count)
        let isCrowded = documentFrequency.indices.map { isGram[$0] && Double(documentFrequency[$0]) > crowdedFrequency }

        // Each document's vector over all its features, and its weights normalised over the scored
        // ones alone (0 for the unscored), which are what the similarities use.
        var vectors: [Vector] = []
        vectors.reserveCapacity(documents.count)
        var scoredWeights = [Float](repeating: 0, count: ids.count)
        // The closest-example search's lists: feature, document, weight.
        var postingEntries: [(list: Int32, target: Int32, weight: Float)] = []
        for number in documents.indices {
            let range = starts[number]..<starts[number + 1]
            let weighted = range.map { (id: ids[$0], weight: dampen(frequencies[$0]) * idf[Int(ids[$0])]) }
            var squared = 0.0, scoredSquared = 0.0
            for (id, weight) in weighted {
                squared += weight * weight
                if isScored[Int(id)] { scoredSquared += weight * weight }
            }
            vectors.append(sortedByID(weighted, dividedBy: squared.squareRoot()))
            let scoredNorm = scoredSquared.squareRoot()
            for (position, (id, weight)) in zip(range, weighted) where isScored[Int(id)] {
                scoredWeights[position] = Float(weight / scoredNorm)
                if !isCrowded[Int(id)] { postingEntries.append((id, Int32(number), scoredWeights[position])) }
            }
        }
        let postings = PostingLists(listCount: idf.count, entryCount: postingEntries.count) { postingEntries[$0] }

        let centroidPostings = centroids(of: documents, featureCount: idf.count, starts: starts, ids: ids, scoredWeights: scoredWeights)
        let index = SimilarityIndex(
            classCount: classCount, featureIndex: featureIndex, inverseDocumentFrequency: idf,
            unseenInverseDocumentFrequency: log(count + 1) + 1, postings: postings, centroidPostings: centroidPostings,
            documentClass: documents.map { Int32($0.classIndex) }, isScored: isScored)
        return (index, vectors)
    }

    /// Each class's centroid as posting lists (feature → classes): the sum of its documents'
    /// normalised weights (`scoredWeights`, 0 for unscored features), normalised. Each feature is
    /// summed in document order, the norm in order of the features' first appearance in the class.
    /// `starts` and `ids` hold the documents' features as in ``indexing(_:classCount:unscored:)``.
    private static func centroids(
        of documents: [Document], featureCount: Int, starts: [Int], ids: [Int32],
        scoredWeights: [Float]
    ) -> PostingLists {
        var documentsOfClass: [[Int]] = []
        for (number, document) in documents.enumerated() {
            while documentsOfClass.count <= document.classIndex { documentsOfClass.append([]) }
            documentsOfClass[document.classIndex].append(number)
        }
        var sums = [Double](repeating: 0, count: featureCount)
        var classes: [Int32] = [], features: [Int32] = [], weights: [Float] = []
        for (classIndex, members) in documentsOfClass.enumerated() {
            var touched: [Int32] = []
            for number in members {
                for position in starts[number]..<starts[number + 1] where scoredWeights[position] > 0 {
                    let id = Int(ids[position])
                    if sums[id] == 0 { touched.append(ids[position]) }
                    sums[id] += Double(scoredWeights[position])
                }
            }
            let norm = touched.reduce(0.0) { $0 + sums[Int($1)] * sums[Int($1)] }.squareRoot()
            for id in touched {
                classes.append(Int32(classIndex))
                features.append(id)
                weights.append(Float(sums[Int(id)] / norm))
                sums[Int(id)] = 0
            }
        }
        return PostingLists(listCount: featureCount, entryCount: features.count) { (features[$0], classes[$0], weights[$0]) }
    }

    /// An index of the parts built by ``indexing(_:classCount:unscored:)``.
    private init(
        classCount: Int, featureIndex: HashTable, inverseDocumentFrequency: [Double], unseenInverseDocumentFrequency: Double,
        postings: PostingLists, centroidPostings: PostingLists, documentClass: [Int32], isScored: [Bool]
    ) {
        self.classCount = classCount
        self.featureIndex = featureIndex
        self.inverseDocumentFrequency = inverseDocumentFrequency
        self.unseenInverseDocumentFrequency = unseenInverseDocumentFrequency
        self.postings = postings
        self.centroidPostings = centroidPostings
        self.documentClass = documentClass
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
        return Self.sortedByID(known, dividedBy: squared.squareRoot())
    }

    /// `weighted` as a ``Vector``: sorted by id, each weight divided by `norm`. A fixed order of
    /// summation, so that equal texts always get bit-identical scores; sorted as plain numbers (id
    /// and position packed into one), which is cheaper than sorting the pairs.
    private static func sortedByID(_ weighted: [(id: Int32, weight: Double)], dividedBy norm: Double) -> Vector {
        var order = weighted.indices.map { UInt64(UInt32(weighted[$0].id)) << 32 | UInt64($0) }
        order.sort()
        return order.map { key in
            let (id, weight) = weighted[Int(key & 0xFFFF_FFFF)]
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
        // The documents sharing a feature with the query, each once: usually a small part of all.
        var touched: [Int32] = []
        touched.reserveCapacity(64)
        documentScores.withUnsafeMutableBufferPointer { documentScores in
            centroidScores.withUnsafeMutableBufferPointer { centroidScores in
                for (id, weight) in query where isScored[id] {
                    postings.accumulate(id, times: Float(weight * scale), into: documentScores, touched: &touched)
                    centroidPostings.accumulate(id, times: Float(weight * scale), into: centroidScores)
                }
            }
        }
        if let excluded { documentScores[excluded] = 0 }
        documentClass.withUnsafeBufferPointer { documentClass in
            classScores.withUnsafeMutableBufferPointer { classScores in
                for document in touched {
                    let score = documentScores[Int(document)], classIndex = Int(documentClass[Int(document)])
                    if score > 0 { classScores[classIndex] = max(classScores[classIndex], Double(score)) }
                }
            }
        }
        return ClassScores(nearest: classScores, centroid: centroidScores.map(Double.init))
    }

    /// Sub-linear term frequency, so a repeated word does not dominate.
    private static func dampen(_ frequency: Double) -> Double {
        frequency == 1 ? 1 : 1 + log(frequency)  // the same value; most features occur once
    }
}

import Testing

@testable import RathausUnderstanding

@Suite("The similarity index")
struct SimilarityIndexTests {
    /// 20 documents: the n-gram „<ab“ is in 14 of them (class 0), „<cd“ in 12 (also class 0), and
    /// every document has a stem of its own; class 1 has only its own stems.
    static let index: SimilarityIndex = {
        let documents: [SimilarityIndex.Document] = (0..<20).map { number in
            var features: [(Feature, Double)] = [(.stem("s\(number)"), 1)]
            if number < 14 { features.append((.gram("<ab"), 1)) }
            if number < 12 { features.append((.gram("<cd"), 1)) }
            return (classIndex: number < 14 ? 0 : 1, features: features)
        }
        return SimilarityIndex(documents: documents, classCount: 2)
    }()

    @Test("an n-gram in more than 12 documents counts for the centroid, not for the closest document")
    func crowdedGram() {
        let scores = Self.index.scores(Self.index.vector([(.gram("<ab"), 1)]))
        #expect(scores.nearest[0] == 0)
        #expect(scores.centroid[0] > 0)
        #expect(scores.centroid[1] == 0)
    }

    @Test("an n-gram in 12 documents still finds the closest document")
    func gramAtTheLimit() {
        let scores = Self.index.scores(Self.index.vector([(.gram("<cd"), 1)]))
        #expect(scores.nearest[0] > 0)
        #expect(scores.centroid[0] > 0)
        #expect(scores.nearest[1] == 0)
    }

    @Test("a query vector is sorted by id and has length 1 with its unknown features counted")
    func vectorOrderAndNorm() {
        let vector = Self.index.vector([(.stem("s7"), 1), (.gram("<ab"), 1), (.stem("unknown"), 1), (.stem("s2"), 1)])
        #expect(vector.map(\.id) == vector.map(\.id).sorted())
        #expect(vector.count == 3)
        let knownSquares = vector.reduce(0) { $0 + $1.weight * $1.weight }
        #expect(knownSquares > 0.5 && knownSquares < 1)
    }

    @Test("the vectors given with the index are those the index gives each document's features")
    func documentVectors() {
        let documents: [SimilarityIndex.Document] = [
            (0, [(.stem("hund"), 1), (.gram("<hu"), 2), (.functionWord("ich"), 1)]),
            (1, [(.stem("pass"), 1), (.gram("<hu"), 1), (.wordPair("pass", "verlor"), 1)]),
            (0, [(.gram("und"), 3), (.stem("hund"), 1)]),
        ]
        let (index, vectors) = SimilarityIndex.indexing(documents, classCount: 2, unscored: [.functionWord, .wordPair])
        #expect(vectors.count == documents.count)
        for (vector, document) in zip(vectors, documents) {
            let expected = index.vector(document.features)
            #expect(vector.map(\.id) == expected.map(\.id))
            #expect(vector.map(\.weight) == expected.map(\.weight))
        }
        // The unscored features have ids, but a document of them alone resembles nothing.
        #expect(index.featureCount == 6)
        #expect(index.scores(index.vector([(.functionWord("ich"), 1)])).nearest == [0, 0])
    }
}

import Testing
@testable import RathausCore

@Suite("The linear model and its hash table")
struct LinearModelTests {
    /// Three classes told apart by features 0-2, with feature 3 shared by all.
    static let examples: [LinearIntentModel.Example] = (0..<30).map { number in
        let classIndex = number % 3
        return ([(id: classIndex, weight: 0.8), (id: 3, weight: 0.6)], classIndex)
    }

    @Test("it learns classes that features tell apart")
    func separable() {
        let model = LinearIntentModel(examples: Self.examples, featureCount: 4, classCount: 3)
        for classIndex in 0..<3 {
            #expect(model.best([(id: classIndex, weight: 1)]) == classIndex)
        }
    }

    @Test("the same examples give the same model")
    func deterministic() {
        let first = LinearIntentModel(examples: Self.examples, featureCount: 4, classCount: 3)
        let second = LinearIntentModel(examples: Self.examples, featureCount: 4, classCount: 3)
        for id in 0..<4 {
            #expect(first.best([(id: id, weight: 1)]) == second.best([(id: id, weight: 1)]))
        }
    }

    /// Classes 0 and 1 by features 0 and 1; class 2, like out of scope, by many different features.
    static let withDiverseClass: [LinearIntentModel.Example] = (0..<40).map { (number: Int) -> LinearIntentModel.Example in
        guard number % 2 == 1 else {
            let classIndex = number % 4 / 2
            return ([(id: classIndex, weight: 1.0)], classIndex)
        }
        return ([(id: 2 + number, weight: 1.0)], 2)
    }

    @Test("with the bias, a message with no known feature goes to the class of diverse examples")
    func biasCarriesThePrior() {
        let model = LinearIntentModel(examples: Self.withDiverseClass, featureCount: 42, classCount: 3)
        #expect(model.best([]) == 2)
        #expect(model.best([(id: 0, weight: 1)]) == 0)
        #expect(model.best([(id: 1, weight: 1)]) == 1)
    }

    @Test("only the known features count: a message that is mostly unknown words keeps its class")
    func scaleInvariant() {
        let model = LinearIntentModel(examples: Self.withDiverseClass, featureCount: 42, classCount: 3)
        // Unknown words took most of the norm: the known feature's weight is small.
        #expect(model.best([(id: 0, weight: 0.2)]) == 0)
        #expect(model.best([(id: 1, weight: 0.05)]) == 1)
    }

    @Test("more than eight classes span several blocks")
    func manyClasses() {
        let examples: [LinearIntentModel.Example] = (0..<60).map { ([(id: $0 % 20, weight: 1)], $0 % 20) }
        let model = LinearIntentModel(examples: examples, featureCount: 20, classCount: 20)
        #expect((0..<20).allSatisfy { model.best([(id: $0, weight: 1)]) == $0 })
    }

    @Test("the model is fitted only up to its size limit")
    func sizeLimit() {
        #expect(LinearIntentModel.fits(featureCount: 100_000, classCount: 48))
        #expect(!LinearIntentModel.fits(featureCount: 300_000, classCount: 1001))
    }

    @Test("the hash table finds every key it holds and no other")
    func hashTable() {
        var random = SplitMix64(seed: 7)
        let keys = (0..<5000).map { _ in random.next() } + [0, 1, 2]
        let table = HashTable(keys.enumerated().map { (key: $0.element, value: Int32($0.offset)) })
        for (offset, key) in keys.enumerated() {
            #expect(table[key] == Int32(offset))
        }
        #expect(table[random.next()] == nil)
        #expect(HashTable([])[0] == nil)
    }
}

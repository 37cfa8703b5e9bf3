import RathausCatalog
import Testing

@testable import RathausUnderstanding

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

    @Test(
        "every class is learnt, whatever the number of blocks of eight classes (summed four, two and one at a time)",
        arguments: [2, 9, 20, 33, 48, 70])
    func classesInBlocks(classCount: Int) {
        let examples: [LinearIntentModel.Example] = (0..<(3 * classCount)).map { ([(id: $0 % classCount, weight: 1)], $0 % classCount) }
        let model = LinearIntentModel(examples: examples, featureCount: classCount, classCount: classCount)
        #expect((0..<classCount).allSatisfy { model.best([(id: $0, weight: 1)]) == $0 })
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

    @Test("a hash table filled key by key numbers each key once, however often it grows")
    func hashTableInsertion() {
        var random = SplitMix64(seed: 11)
        let keys = (0..<5000).map { _ in random.next() } + [0, 3]
        var table = HashTable()
        for (offset, key) in keys.enumerated() {
            #expect(table.value(for: key, insertingIfAbsent: Int32(offset)) == Int32(offset))
        }
        for (offset, key) in keys.enumerated() {
            #expect(table.value(for: key, insertingIfAbsent: -7) == Int32(offset))
            #expect(table[key] == Int32(offset))
        }
        #expect(table[random.next()] == nil)
    }

    @Test("flat lists keep each list's numbers in the order given, with empty lists between")
    func numberLists() {
        let entries: [(list: Int32, element: Int32)] = [(2, 10), (0, 11), (2, 12), (3, 13), (0, 14), (2, 15)]
        let lists = FlatLists(listCount: 4, entryCount: entries.count) { entries[$0] }
        #expect(Array(lists[0]) == [11, 14])
        #expect(Array(lists[1]).isEmpty)
        #expect(Array(lists[2]) == [10, 12, 15])
        #expect(Array(lists[3]) == [13])
    }

    @Test("keys gather their elements into lists numbered in the order the keys first come")
    func keyedLists() {
        var builder = FlatLists<Int32>.KeyedBuilder()
        for (element, key) in [(1, 900), (2, 7), (3, 900), (4, 0), (5, 7)] as [(Int32, UInt64)] { builder.add(element, under: key) }
        let (table, lists) = builder.build()
        #expect(table[900] == 0 && table[7] == 1 && table[0] == 2 && table[8] == nil)
        #expect(Array(lists[0]) == [1, 3] && Array(lists[1]) == [2, 5] && Array(lists[2]) == [4])
    }

    @Test("posting lists built from entries leave out the nil ones and keep the order of the others")
    func postingLists() {
        let entries: [(list: Int32, target: Int32, weight: Float)?] = [(1, 5, 0.5), nil, (0, 7, 1), (1, 2, 0.25)]
        let postings = PostingLists(listCount: 3, entryCount: entries.count) { entries[$0] }
        var sums = [Float](repeating: 0, count: 8)
        sums.withUnsafeMutableBufferPointer { postings.accumulate(1, times: 2, into: $0) }
        #expect(sums[5] == 1 && sums[2] == 0.5 && sums[7] == 0)
        sums.withUnsafeMutableBufferPointer { postings.accumulate(0, times: 1, into: $0) }
        #expect(sums[7] == 1)
        sums.withUnsafeMutableBufferPointer { postings.accumulate(2, times: 1, into: $0) }
        #expect(sums.reduce(0, +) == 2.5)
    }

    @Test("parallel work gives its results in order")
    func parallelWork() {
        #expect(ParallelWork.map(Array(0..<1001)) { $0 * 2 } == (0..<1001).map { $0 * 2 })
        #expect(ParallelWork.map([Int]()) { $0 }.isEmpty)
        let (text, number) = ParallelWork.pair({ "eins" }, { 2 })
        #expect(text == "eins" && number == 2)
    }
}

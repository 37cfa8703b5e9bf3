/// Lists of numbers, stored flat: every list's numbers one after another, and where each starts.
///
/// Built from (list, number) pairs in one counting pass and one filling pass, so that an index with
/// tens of thousands of short lists (typo forms, trigrams) allocates three arrays instead of one
/// array per list.
struct NumberLists: Sendable {
    /// Where each list starts in ``numbers``; one more entry than there are lists.
    private let starts: [Int32]
    private let numbers: [Int32]

    /// `listCount` lists holding, for every `i`, `numbers[i]` in list `lists[i]`, in the order of `i`.
    init(listCount: Int, lists: [Int32], numbers: [Int32]) {
        var starts = [Int32](repeating: 0, count: listCount + 1)
        for list in lists { starts[Int(list) + 1] += 1 }
        for list in 0..<listCount { starts[list + 1] += starts[list] }
        var next = starts
        var flat = [Int32](repeating: 0, count: numbers.count)
        for (list, number) in zip(lists, numbers) {
            flat[Int(next[Int(list)])] = number
            next[Int(list)] += 1
        }
        self.starts = starts
        self.numbers = flat
    }

    /// The numbers of list `list`.
    subscript(list: Int) -> ArraySlice<Int32> {
        numbers[Int(starts[list])..<Int(starts[list + 1])]
    }
}

extension NumberLists {
    /// Gathers numbers under 64-bit keys (typo forms, trigrams): the keys are numbered in a
    /// ``HashTable`` in the order they first come, and each key's list keeps its numbers in the
    /// order they were added.
    struct Builder {
        private var table = HashTable()
        private var lists: [Int32] = [], numbers: [Int32] = []
        private var listCount: Int32 = 0

        /// An empty builder.
        init() {}

        /// Adds `number` to the list of `key`.
        mutating func add(_ number: Int32, under key: UInt64) {
            let list = table.value(for: key, insertingIfAbsent: listCount)
            if list == listCount { listCount += 1 }
            lists.append(list)
            numbers.append(number)
        }

        /// The table from each key to its list's number, and the lists.
        func build() -> (table: HashTable, lists: NumberLists) {
            (table, NumberLists(listCount: Int(listCount), lists: lists, numbers: numbers))
        }
    }
}

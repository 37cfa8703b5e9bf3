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

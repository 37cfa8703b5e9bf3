/// Lists stored flat: every list's elements one after another, and where each list starts.
///
/// Built by counting: one pass counts each list's length, one puts every element in its place, so
/// that an index of tens of thousands of short lists (posting lists, typo forms, trigrams) holds
/// two arrays instead of one array per list, and walking a list reads contiguous memory.
struct FlatLists<Element: Sendable>: Sendable {
    /// Where each list starts in ``elements``; one more entry than there are lists.
    private let starts: [Int32]
    private let elements: [Element]

    /// `listCount` lists of the entries `entry(0) ..< entry(entryCount - 1)` (nil: left out), each
    /// list keeping its elements in the order of the entries. `entry` is asked twice for each entry:
    /// once to count the lists' lengths, once to fill them.
    init(listCount: Int, entryCount: Int, entry: (Int) -> (list: Int32, element: Element)?) {
        var starts = [Int32](repeating: 0, count: listCount + 1)
        for number in 0..<entryCount {
            if let (list, _) = entry(number) { starts[Int(list) + 1] += 1 }
        }
        for list in 0..<listCount { starts[list + 1] += starts[list] }
        var next = starts
        elements = [Element](unsafeUninitializedCapacity: Int(starts[listCount])) { buffer, count in
            for number in 0..<entryCount {
                guard let (list, element) = entry(number) else { continue }
                (buffer.baseAddress! + Int(next[Int(list)])).initialize(to: element)
                next[Int(list)] += 1
            }
            count = buffer.count
        }
        self.starts = starts
    }

    /// The elements of list `list`.
    subscript(list: Int) -> ArraySlice<Element> {
        elements[Int(starts[list])..<Int(starts[list + 1])]
    }

    /// `body` applied to the elements of list `list`, read without bounds checks.
    func withList<Result>(_ list: Int, _ body: (UnsafeBufferPointer<Element>) -> Result) -> Result {
        let range = Int(starts[list])..<Int(starts[list + 1])
        return elements.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }
}

extension FlatLists {
    /// Gathers elements under 64-bit keys (typo forms, trigrams): the keys are numbered in a
    /// ``HashTable`` in the order they first come, and each key's list keeps its elements in the
    /// order they were added.
    struct KeyedBuilder {
        private var table = HashTable()
        private var entries: [(list: Int32, element: Element)] = []
        private var listCount: Int32 = 0

        /// An empty builder.
        init() {}

        /// Adds `element` to the list of `key`.
        mutating func add(_ element: Element, under key: UInt64) {
            let list = table.value(for: key, insertingIfAbsent: listCount)
            if list == listCount { listCount += 1 }
            entries.append((list, element))
        }

        /// The table from each key to its list's number, and the lists.
        func build() -> (table: HashTable, lists: FlatLists) {
            (table, FlatLists(listCount: Int(listCount), entryCount: entries.count) { entries[$0] })
        }
    }
}

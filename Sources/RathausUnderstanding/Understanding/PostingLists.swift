/// Lists of `(target, weight)` pairs, one list per feature (``FlatLists``): the documents or
/// classes a feature occurs in, with its normalised weight there.
struct PostingLists: Sendable {
    private let lists: FlatLists<(target: Int32, weight: Float)>

    /// The lists of `entryCount` entries, where `entry(i)` tells the list, target and weight of
    /// entry `i` (or nil to leave it out); a list keeps its entries in the order of `i`.
    init(listCount: Int, entryCount: Int, entry: (Int) -> (list: Int32, target: Int32, weight: Float)?) {
        lists = FlatLists(listCount: listCount, entryCount: entryCount) { number in
            entry(number).map { (list: $0.list, element: (target: $0.target, weight: $0.weight)) }
        }
    }

    /// Adds `factor` times each weight of list `list` to `sums[target]`, and appends to `touched`
    /// every target whose sum was 0 before: with positive weights and factors, the targets summed
    /// into so far, each once.
    func accumulate(_ list: Int, times factor: Float, into sums: UnsafeMutableBufferPointer<Float>, touched: inout [Int32]) {
        lists.withList(list) { postings in
            for (target, weight) in postings {
                if sums[Int(target)] == 0 { touched.append(target) }
                sums[Int(target)] += factor * weight
            }
        }
    }

    /// Adds `factor` times each weight of list `list` to `sums[target]`.
    func accumulate(_ list: Int, times factor: Float, into sums: UnsafeMutableBufferPointer<Float>) {
        lists.withList(list) { postings in
            for (target, weight) in postings { sums[Int(target)] += factor * weight }
        }
    }
}

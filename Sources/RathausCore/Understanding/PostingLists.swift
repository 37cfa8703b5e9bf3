/// Lists of `(target, weight)` pairs, one list per feature, stored flat in three arrays so that
/// walking a feature's list reads contiguous memory.
struct PostingLists: Sendable {
    /// Where each list starts in ``targets`` and ``weights``; one more entry than there are lists.
    private let starts: [Int32]
    /// Documents or classes, list after list.
    private let targets: [Int32]
    /// Their weights, in the same order.
    private let weights: [Float]

    /// Flattens `lists`.
    init(_ lists: [[(target: Int32, weight: Float)]]) {
        var starts: [Int32] = [0]
        starts.reserveCapacity(lists.count + 1)
        for list in lists { starts.append(starts[starts.count - 1] + Int32(list.count)) }
        self.starts = starts
        self.targets = lists.flatMap { $0.map(\.target) }
        self.weights = lists.flatMap { $0.map(\.weight) }
    }

    /// Adds `factor` times each weight of list `list` to `sums[target]`.
    func accumulate(_ list: Int, times factor: Float, into sums: UnsafeMutableBufferPointer<Float>) {
        let range = Int(starts[list])..<Int(starts[list + 1])
        targets.withUnsafeBufferPointer { targets in
            weights.withUnsafeBufferPointer { weights in
                for position in range {
                    sums[Int(targets[position])] += factor * weights[position]
                }
            }
        }
    }
}

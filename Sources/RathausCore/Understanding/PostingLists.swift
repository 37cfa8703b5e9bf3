/// Lists of `(target, weight)` pairs, one list per feature, stored flat in three arrays so that
/// walking a feature's list reads contiguous memory.
struct PostingLists: Sendable {
    /// Where each list starts in ``targets`` and ``weights``; one more entry than there are lists.
    private let starts: [Int32]
    /// Documents or classes, list after list.
    private let targets: [Int32]
    /// Their weights, in the same order.
    private let weights: [Float]

    /// The lists of `entryCount` entries, where `entry(i)` tells the list, target and weight of
    /// entry `i` (or nil to leave it out); a list keeps its entries in the order of `i`. `entry` is
    /// asked twice for each entry: once to count the lists' lengths, once to fill them.
    init(listCount: Int, entryCount: Int, entry: (Int) -> (list: Int32, target: Int32, weight: Float)?) {
        var starts = [Int32](repeating: 0, count: listCount + 1)
        for number in 0..<entryCount {
            if let (list, _, _) = entry(number) { starts[Int(list) + 1] += 1 }
        }
        for list in 0..<listCount { starts[list + 1] += starts[list] }
        var next = starts
        var targets = [Int32](repeating: 0, count: Int(starts[listCount]))
        var weights = [Float](repeating: 0, count: targets.count)
        for number in 0..<entryCount {
            guard let (list, target, weight) = entry(number) else { continue }
            let position = Int(next[Int(list)])
            targets[position] = target
            weights[position] = weight
            next[Int(list)] += 1
        }
        self.starts = starts
        self.targets = targets
        self.weights = weights
    }

    /// Adds `factor` times each weight of list `list` to `sums[target]`, and appends to `touched`
    /// every target whose sum was 0 before: with positive weights and factors, the targets summed
    /// into so far, each once.
    func accumulate(_ list: Int, times factor: Float, into sums: UnsafeMutableBufferPointer<Float>, touched: inout [Int32]) {
        let range = Int(starts[list])..<Int(starts[list + 1])
        targets.withUnsafeBufferPointer { targets in
            weights.withUnsafeBufferPointer { weights in
                for position in range {
                    let target = Int(targets[position])
                    if sums[target] == 0 { touched.append(Int32(target)) }
                    sums[target] += factor * weights[position]
                }
            }
        }
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

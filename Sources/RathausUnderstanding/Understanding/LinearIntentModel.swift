/// A linear multi-class model over the index's TF-IDF vectors, fitted at load time.
///
/// Averaged passive-aggressive training (PA-I, Crammer et al. 2006) with the multi-class hinge
/// loss: for each example, the true class and the highest-scoring wrong class are moved apart until
/// their margin is 1, each step bounded by ``aggressiveness``. Passes visit the examples in a seeded
/// order, so a catalogue always gives the same model. The weights are a dense matrix, one row of
/// class weights per feature (and one for the bias, ``biasValue``), kept in blocks of eight so that
/// adding up a message's rows runs on vector instructions. A message is scored on the features the
/// index knows, normalised among themselves.
struct LinearIntentModel: Sendable {
    /// One labelled example.
    typealias Example = (vector: SimilarityIndex.Vector, classIndex: Int)
    private typealias Block = SIMD8<Float>

    /// Passes over the examples.
    static let passes = 10
    /// Upper bound of one update's step (the "C" of PA-I).
    static let aggressiveness: Float = 1
    /// Seed of the order in which examples are visited.
    static let seed: UInt64 = 0x4C49_4E45_4152_0001
    /// Largest number of weights (features × classes) fitted: 16 Mi floats, 64 MiB. A bigger
    /// catalogue would take longer to fit than its users should wait at load time.
    static let maximumWeights = 1 << 24
    /// Value of a feature every message has (the bias), so that each class learns a prior of its
    /// own: a message with little the catalogue knows then falls to the out-of-scope class instead
    /// of an arbitrary one. Chosen on the development sets (0.15 to 0.45 measured alike).
    static let biasValue: Float = 0.3

    /// Number of classes.
    let classCount: Int
    /// Blocks of eight classes per feature row.
    private let blocksPerRow: Int
    /// `weights[feature * blocksPerRow + class / 8][class % 8]`.
    private let weights: [Block]
    /// First block of the bias feature's row (after the rows of all features).
    private let biasRow: Int

    /// True when a catalogue with these counts is small enough for the model.
    static func fits(featureCount: Int, classCount: Int) -> Bool {
        featureCount * classCount <= maximumWeights
    }

    /// Fits the model; every vector id must be below `featureCount`, every class below `classCount`.
    init(examples: [Example], featureCount: Int, classCount: Int) {
        let blocksPerRow = (classCount + Block.scalarCount - 1) / Block.scalarCount
        self.classCount = classCount
        self.blocksPerRow = blocksPerRow
        let biasRow = featureCount * blocksPerRow
        self.biasRow = biasRow
        // The passes run on raw buffers: fitting is the largest part of loading a catalogue, and
        // checking every array access cost a fifth of its instructions.
        let weights = UnsafeMutableBufferPointer<Block>.allocate(capacity: (featureCount + 1) * blocksPerRow)
        // Step-weighted sums of the updates, for averaging: average = weights - totals / steps.
        let totals = UnsafeMutableBufferPointer<Block>.allocate(capacity: weights.count)
        let scores = UnsafeMutableBufferPointer<Block>.allocate(capacity: blocksPerRow)
        defer { for buffer in [weights, totals, scores] { buffer.deallocate() } }
        weights.initialize(repeating: .zero)
        totals.initialize(repeating: .zero)
        // All vectors in one flat array: the first block of each feature's row, and its value.
        var starts = [0], entries: [(row: Int, value: Float)] = [], squaredNorms: [Float] = []
        for example in examples {
            entries += example.vector.map { (row: $0.id * blocksPerRow, value: Float($0.weight)) } + [(row: biasRow, value: Self.biasValue)]
            squaredNorms.append(example.vector.reduce(Self.biasValue * Self.biasValue) { $0 + Float($1.weight * $1.weight) })
            starts.append(entries.count)
        }
        let labels = examples.map(\.classIndex)
        var order = Array(examples.indices)
        var random = SplitMix64(seed: Self.seed)
        var step: Float = 1
        func add(_ change: Float, at row: Int, _ classIndex: Int) {
            let block = row + classIndex / Block.scalarCount, lane = classIndex % Block.scalarCount
            weights[block][lane] += change
            totals[block][lane] += step * change
        }
        entries.withUnsafeBufferPointer { entries in
            for _ in 0..<Self.passes {
                order.shuffle(using: &random)
                for number in order {
                    let range = starts[number]..<starts[number + 1]
                    for block in 0..<blocksPerRow { scores[block] = .zero }
                    Self.accumulate(range.count, weights: UnsafeBufferPointer(weights), into: scores) { entries[range.lowerBound + $0] }
                    let label = labels[number]
                    var rival = label == 0 ? 1 : 0
                    for index in 0..<classCount where index != label && Self.score(scores, index) > Self.score(scores, rival) {
                        rival = index
                    }
                    let loss = 1 - (Self.score(scores, label) - Self.score(scores, rival))
                    if loss > 0, squaredNorms[number] > 0 {
                        let tau = min(Self.aggressiveness, loss / (2 * squaredNorms[number]))
                        for (row, value) in entries[range] {
                            let change = tau * value
                            add(change, at: row, label)
                            add(-change, at: row, rival)
                        }
                    }
                    step += 1
                }
            }
        }
        for index in weights.indices { weights[index] -= totals[index] / step }
        self.weights = Array(weights)
    }

    /// The class with the highest score for a vector (the lowest number on a tie).
    func best(_ vector: SimilarityIndex.Vector) -> Int {
        // Scored straight from the vector: this runs for every message.
        var scores = (0..<blocksPerRow).map { weights[biasRow + $0] * Self.biasValue }
        // Judged on what the catalogue knows: the vector normalised again without the features
        // the index has never seen (which the similarity counts in its norm), so that a mistyped
        // word lowers no score but leaves the bias to decide.
        let known = vector.reduce(0.0) { $0 + $1.weight * $1.weight }
        let scale = known > 0 ? 1 / known.squareRoot() : 1
        weights.withUnsafeBufferPointer { weights in
            scores.withUnsafeMutableBufferPointer { scores in
                Self.accumulate(vector.count, weights: weights, into: scores) { [blocksPerRow] in
                    (vector[$0].id * blocksPerRow, Float(vector[$0].weight * scale))
                }
            }
        }
        return scores.withUnsafeMutableBufferPointer { scores in
            var best = 0
            for index in 0..<classCount where Self.score(scores, index) > Self.score(scores, best) { best = index }
            return best
        }
    }

    /// Adds `value` times each row of `weights` given by `entry(0) ..< entry(count - 1)` (the row's
    /// first block, and the value) to `scores`, one row of blocks per entry. Four blocks are summed
    /// at a time in registers over all entries, rather than each sum loaded and stored again for
    /// every entry; every lane still adds the entries in their order.
    @inline(__always)
    private static func accumulate(
        _ count: Int, weights: UnsafeBufferPointer<Block>, into scores: UnsafeMutableBufferPointer<Block>,
        entry: (Int) -> (row: Int, value: Float)
    ) {
        var first = 0
        while first + 4 <= scores.count {
            var (sum0, sum1, sum2, sum3) = (scores[first], scores[first + 1], scores[first + 2], scores[first + 3])
            for number in 0..<count {
                let (row, value) = entry(number)
                let start = row + first
                sum0 += weights[start] * value
                sum1 += weights[start + 1] * value
                sum2 += weights[start + 2] * value
                sum3 += weights[start + 3] * value
            }
            (scores[first], scores[first + 1], scores[first + 2], scores[first + 3]) = (sum0, sum1, sum2, sum3)
            first += 4
        }
        while first + 2 <= scores.count {
            var (sum0, sum1) = (scores[first], scores[first + 1])
            for number in 0..<count {
                let (row, value) = entry(number)
                sum0 += weights[row + first] * value
                sum1 += weights[row + first + 1] * value
            }
            (scores[first], scores[first + 1]) = (sum0, sum1)
            first += 2
        }
        if first < scores.count {
            var sum = scores[first]
            for number in 0..<count {
                let (row, value) = entry(number)
                sum += weights[row + first] * value
            }
            scores[first] = sum
        }
    }

    /// One class's score out of the blocks.
    private static func score(_ scores: UnsafeMutableBufferPointer<Block>, _ classIndex: Int) -> Float {
        scores[classIndex / Block.scalarCount][classIndex % Block.scalarCount]
    }
}

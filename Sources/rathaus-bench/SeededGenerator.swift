import RathausUnderstanding

/// A pseudo-random generator whose sequence depends only on its seed (RathausCore's SplitMix64), so
/// every run builds the same catalogue and the same queries.
///
/// The helpers below do not use the standard library's random APIs, whose algorithms may change
/// between Swift versions; the generated data stays the same with any compiler.
struct SeededGenerator {
    private var random: SplitMix64

    /// Creates a generator that starts from `seed`.
    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        random.next()
    }

    /// A number in `0..<bound` (multiply-shift; the bias is negligible for small bounds).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "empty range")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in `range`.
    mutating func inRange(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) * 0x1p-53 < probability
    }

    /// One element of a non-empty array.
    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[below(elements.count)]
    }

    /// The elements in a random order (Fisher–Yates).
    mutating func shuffled<Element>(_ elements: [Element]) -> [Element] {
        var result = elements
        for index in stride(from: result.count - 1, to: 0, by: -1) {
            result.swapAt(index, below(index + 1))
        }
        return result
    }
}

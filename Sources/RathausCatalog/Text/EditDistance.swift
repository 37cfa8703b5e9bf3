/// Edit distances between sequences.
public enum EditDistance {
    /// Optimal-string-alignment Damerau-Levenshtein distance: insertions, deletions, substitutions
    /// and transpositions of neighbours each cost 1.
    public static func damerauLevenshtein<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}

extension EditDistance {
    /// The same distance as ``damerauLevenshtein(_:_:)`` (with substitutions costing
    /// `substitutionCost`) when it is at most `limit`, else `limit + 1`: only the band of cells
    /// within `limit` of the diagonal is filled, and the computation stops as soon as a whole row
    /// exceeds the limit.
    public static func damerauLevenshtein(_ a: [UInt8], _ b: [UInt8], limit: Int, substitutionCost: Int = 1) -> Int {
        guard abs(a.count - b.count) <= limit else { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let beyond = limit + 1
        let width = b.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * width) { buffer in
            var previousPrevious = buffer.baseAddress!
            var previous = previousPrevious + width
            var current = previous + width
            for j in 0..<width {
                previousPrevious[j] = beyond
                previous[j] = min(j, beyond)
            }
            for i in 1...a.count {
                let low = max(1, i - limit), high = min(b.count, i + limit)
                current[0] = min(i, beyond)
                if low > 1 { current[low - 1] = beyond }
                var rowMinimum = current[0]
                for j in low...high {
                    let cost = a[i - 1] == b[j - 1] ? 0 : substitutionCost
                    var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                        value = min(value, previousPrevious[j - 2] + 1)
                    }
                    value = min(value, beyond)
                    current[j] = value
                    rowMinimum = min(rowMinimum, value)
                }
                if high < b.count { current[high + 1] = beyond }
                if rowMinimum >= beyond { return beyond }
                (previousPrevious, previous, current) = (previous, current, previousPrevious)
            }
            return previous[b.count]
        }
    }
}

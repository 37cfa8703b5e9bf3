/// Order statistics over measured durations.
enum Statistics {
    /// The value at rank ceil(p·n) (1-based) of the sorted values; `sorted` must be ascending and non-empty.
    static func percentile(_ p: Double, ofSorted sorted: [Double]) -> Double {
        precondition(!sorted.isEmpty, "percentile of no values")
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// The median, i.e. the percentile at 0.5 (for an odd count, the middle value).
    static func median(_ values: [Double]) -> Double {
        percentile(0.5, ofSorted: values.sorted())
    }
}

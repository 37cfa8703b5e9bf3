/// Order statistics of measured values, with one rule everywhere (`rathaus eval`, `rathaus-bench`
/// and the scikit-learn peer): the value at rank ⌈p·n⌉ of the sorted values.
public enum Percentile {
    /// The `p` percentile (0 to 1) of `values` in ascending order; 0 when there are none.
    public static func of(_ p: Double, sorted values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let rank = Int((p * Double(values.count)).rounded(.up))
        return values[min(values.count, max(1, rank)) - 1]
    }
}

import RathausUnderstanding

/// Times `IntentMatcher.match` call by call: one untimed warm-up pass over all queries, then
/// `passes` timed passes, each call measured on its own with `ContinuousClock`.
///
/// A query's latency is the median of its timed calls, so that a call the operating system
/// happened to preempt (the machines are shared) does not count as the query's cost; the
/// percentiles are taken over the queries.
struct LatencyMeter {
    /// Percentiles over the queries of each query's median call.
    struct Summary {
        /// Median over the queries, in microseconds.
        let p50Microseconds: Double
        /// 99th percentile over the queries, in microseconds.
        let p99Microseconds: Double
        /// Every query's median call in microseconds, in ascending order.
        let perQueryMicroseconds: [Double]
        /// The slowest single timed call in microseconds (preemptions by the system included).
        let slowestCallMicroseconds: Double
        /// Timed passes over the queries.
        let passes: Int
        /// Timed calls in all (queries × passes).
        let samples: Int
        /// What the matcher answered in the warm-up pass, one per query, for sanity checks.
        let warmUpMatches: [IntentMatch]
        /// Sum of all timed confidences; printed as a note so the calls cannot be optimised away.
        let checksum: Double
        /// The slowest queries with their median call in microseconds, slowest first (at most 5),
        /// to see what the tail is made of.
        let slowest: [(query: String, microseconds: Double)]
    }

    /// Timed passes over the queries.
    let passes: Int

    /// Creates a meter; `passes` must be at least 1.
    init(passes: Int = 5) {
        precondition(passes >= 1, "at least one timed pass")
        self.passes = passes
    }

    /// Warms up, then times every call of `matcher.match` over `passes` passes of `queries`.
    func measure(_ matcher: IntentMatcher, queries: [String]) -> Summary {
        precondition(!queries.isEmpty, "no queries to time")
        let warmUpMatches = queries.map { matcher.match($0) }
        let clock = ContinuousClock()
        var durations = [[Double]](repeating: [], count: queries.count)
        var checksum = 0.0
        for _ in 0..<passes {
            for (number, query) in queries.enumerated() {
                let start = clock.now
                let match = matcher.match(query)
                let elapsed = clock.now - start
                checksum += match.confidence
                durations[number].append(elapsed.microseconds)
            }
        }
        let medians = durations.map { Percentile.of(0.50, sorted: $0.sorted()) }
        let perQuery = medians.sorted()
        let slowest = zip(queries, medians).sorted { $0.1 > $1.1 }.prefix(5).map { (query: $0.0, microseconds: $0.1) }
        return Summary(
            p50Microseconds: Percentile.of(0.50, sorted: perQuery),
            p99Microseconds: Percentile.of(0.99, sorted: perQuery),
            perQueryMicroseconds: perQuery, slowestCallMicroseconds: durations.joined().max() ?? 0,
            passes: passes, samples: queries.count * passes,
            warmUpMatches: warmUpMatches, checksum: checksum, slowest: slowest)
    }
}

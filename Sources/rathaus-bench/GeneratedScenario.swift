import Foundation
import RathausUnderstanding

/// The scenario "generated-1000": a catalogue of 1,000 invented services with 20 examples each,
/// built in memory, queried with 2,000 generated questions.
struct GeneratedScenario {
    /// Services in the generated catalogue.
    static let serviceCount = 1_000
    /// Examples per service.
    static let examplesPerService = 20
    /// Generated queries.
    static let queryCount = 2_000
    /// Matcher builds whose median is reported.
    static let loadRepetitions = 3

    /// Builds the catalogue (timed on its own), builds the matcher ``loadRepetitions`` times and
    /// times matching the generated queries.
    func run() throws -> ScenarioResult {
        let clock = ContinuousClock()
        var synthetic: SyntheticCatalog?
        let buildTime = clock.measure {
            synthetic = SyntheticCatalog(serviceCount: Self.serviceCount, examplesPerService: Self.examplesPerService)
        }
        guard let synthetic else { preconditionFailure("catalogue not built") }
        let catalog = synthetic.catalog
        var loadTimes: [Double] = []
        var built: IntentMatcher?
        for _ in 0..<Self.loadRepetitions {
            built = nil
            let elapsed = try clock.measure { built = try IntentMatcher(catalog: catalog) }
            loadTimes.append(elapsed.milliseconds)
        }
        guard let matcher = built else { preconditionFailure("no matcher built") }
        let queries = SyntheticQuery.batch(count: Self.queryCount, about: synthetic)
        let latency = LatencyMeter().measure(matcher, queries: queries.map(\.text))
        let peak = PeakMemory.megabytes()
        StandardError.write(
            """
            generated-1000: catalogue built in \(String(format: "%.1f", buildTime.milliseconds)) ms, \
            matcher build times (ms) \(loadTimes.map { String(format: "%.1f", $0) }.joined(separator: " ")), \
            threshold \(String(format: "%.3f", matcher.threshold)), checksum \(String(format: "%.3f", latency.checksum))
            generated-1000 sanity (warm-up pass): \(Self.accuracyNote(queries, latency.warmUpMatches))
            examples: \(queries.prefix(4).map { "\"\($0.text)\"" }.joined(separator: ", "))

            """)
        return ScenarioResult(
            name: "generated-\(Self.serviceCount)",
            catalog: catalog,
            loadTimes: loadTimes,
            catalogBuildMilliseconds: buildTime.milliseconds,
            latency: latency,
            queries: queries.count,
            peakResidentMegabytes: peak,
            note: """
                catalogue generated in memory (fixed seed), catalog_build_ms timed once and separately; \
                load_ms: median of \(Self.loadRepetitions) runs of IntentMatcher(catalog:); \
                queries: \(Self.queryCount) generated (70 % clean, 20 % one typo, 10 % out of vocabulary), \
                one warm-up pass, then \(latency.passes) timed passes (\(latency.samples) calls), a query's latency being the median of its passes; \
                peak_rss_mb: VmHWM of the process, cumulative, so it includes any scenario run before this one
                """)
    }

    /// Share of each kind of query answered as expected, e.g. "clean 98.0 % of 1400, …".
    private static func accuracyNote(_ queries: [SyntheticQuery], _ matches: [IntentMatch]) -> String {
        SyntheticQuery.Kind.allCases.map { kind in
            let pairs = zip(queries, matches).filter { $0.0.kind == kind }
            let right = pairs.filter { $0.1.intent == $0.0.expectedIntent }.count
            let share = pairs.isEmpty ? 0 : 100 * Double(right) / Double(pairs.count)
            return "\(kind) \(String(format: "%.1f", share)) % of \(pairs.count) as expected"
        }.joined(separator: ", ")
    }
}

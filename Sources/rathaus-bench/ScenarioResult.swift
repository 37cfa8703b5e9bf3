import Foundation
import RathausCatalog
import RathausUnderstanding

/// The measurements of one scenario, as they appear in the JSON report.
struct ScenarioResult: Encodable {
    /// "shipped" or "generated-1000".
    let name: String
    /// Intents that have a knowledge entry.
    let services: Int
    /// All intents.
    let intents: Int
    /// Example utterances of all intents.
    let examples: Int
    /// Median wall time of building the matcher (for "shipped" together with loading the catalogue).
    let loadMilliseconds: Double
    /// Wall time of building the catalogue in memory, when it is generated.
    let catalogBuildMilliseconds: Double?
    /// The match latencies.
    let latency: LatencyMeter.Summary
    /// Distinct query texts.
    let queries: Int
    /// The process's peak resident set size after this scenario, in MiB, where the system reports it.
    let peakResidentMegabytes: Double?
    /// How to read the figures.
    let note: String

    /// A result for `catalog`, whose counts are taken from it; `loadTimes` are reduced to their median.
    init(
        name: String, catalog: Catalog, loadTimes: [Double], catalogBuildMilliseconds: Double? = nil,
        latency: LatencyMeter.Summary, queries: Int, peakResidentMegabytes: Double?, note: String
    ) {
        self.name = name
        self.services = catalog.serviceCount
        self.intents = catalog.intents.count
        self.examples = catalog.intents.reduce(0) { $0 + $1.examples.count }
        self.loadMilliseconds = Percentile.of(0.5, sorted: loadTimes.sorted())
        self.catalogBuildMilliseconds = catalogBuildMilliseconds
        self.latency = latency
        self.queries = queries
        self.peakResidentMegabytes = peakResidentMegabytes
        self.note = note
    }

    private enum CodingKeys: String, CodingKey {
        case name, services, intents, examples, queries, passes, note
        case loadMilliseconds = "load_ms"
        case catalogBuildMilliseconds = "catalog_build_ms"
        case p50 = "match_p50_us"
        case p99 = "match_p99_us"
        case peakResidentMegabytes = "peak_rss_mb"
    }

    /// Times rounded for reading: milliseconds to 2 decimals, microseconds and MiB to 1; a missing
    /// build time is left out, a missing peak is `null`.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(services, forKey: .services)
        try container.encode(intents, forKey: .intents)
        try container.encode(examples, forKey: .examples)
        try container.encode(Self.rounded(loadMilliseconds, 2), forKey: .loadMilliseconds)
        try container.encodeIfPresent(catalogBuildMilliseconds.map { Self.rounded($0, 2) }, forKey: .catalogBuildMilliseconds)
        try container.encode(Self.rounded(latency.p50Microseconds, 1), forKey: .p50)
        try container.encode(Self.rounded(latency.p99Microseconds, 1), forKey: .p99)
        try container.encode(queries, forKey: .queries)
        try container.encode(latency.passes, forKey: .passes)
        try container.encode(peakResidentMegabytes.map { Self.rounded($0, 1) }, forKey: .peakResidentMegabytes)
        try container.encode(note, forKey: .note)
    }

    private static func rounded(_ value: Double, _ decimals: Int) -> Double {
        let scale = pow(10, Double(decimals))
        return (value * scale).rounded() / scale
    }
}

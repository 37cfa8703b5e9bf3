/// The measurements of one scenario, as they appear in the JSON report.
struct ScenarioResult {
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

    /// The result as a JSON object with the report's key order.
    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(name)),
            ("services", .integer(services)),
            ("intents", .integer(intents)),
            ("examples", .integer(examples)),
            ("load_ms", .number(loadMilliseconds, decimals: 2)),
        ]
        if let catalogBuildMilliseconds {
            members.append(("catalog_build_ms", .number(catalogBuildMilliseconds, decimals: 2)))
        }
        members += [
            ("match_p50_us", .number(latency.p50Microseconds, decimals: 1)),
            ("match_p99_us", .number(latency.p99Microseconds, decimals: 1)),
            ("queries", .integer(queries)),
            ("passes", .integer(latency.passes)),
            ("peak_rss_mb", peakResidentMegabytes.map { .number($0, decimals: 1) } ?? .null),
            ("note", .string(note)),
        ]
        return .object(members)
    }
}

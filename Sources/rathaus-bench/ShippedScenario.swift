import Foundation
import RathausCatalog
import RathausUnderstanding

/// The scenario "shipped": the catalogue on disk, queried with the texts of the evaluation sets.
struct ShippedScenario {
    /// Loads of catalogue plus matcher whose median is reported.
    static let loadRepetitions = 5
    /// The evaluation files whose texts are the queries, relative to the catalogue or current directory.
    static let evaluationFiles = ["Tests/Evaluation/evaluation.jsonl", "Tests/Evaluation/evaluation-noisy.jsonl"]

    /// An evaluation file that is in neither place looked at.
    struct MissingEvaluationFile: Error, CustomStringConvertible {
        /// The file looked for.
        let file: String
        /// The places looked in.
        let searched: [String]

        /// What is missing and where it was looked for.
        var description: String { "evaluation file \(file) not found in \(searched.joined(separator: " or "))" }
    }

    /// The directory holding `Intents/` and `Knowledge/`.
    let catalogDirectory: URL

    /// Measures loading (median of ``loadRepetitions`` loads of catalogue and matcher together) and
    /// the latency of matching every evaluation text.
    func run() throws -> ScenarioResult {
        let clock = ContinuousClock()
        var loadTimes: [Double] = []
        var loaded: (catalog: Catalog, matcher: IntentMatcher)?
        for _ in 0..<Self.loadRepetitions {
            let elapsed = try clock.measure {
                let catalog = try CatalogLoader(directory: catalogDirectory).load()
                loaded = (catalog, try IntentMatcher(catalog: catalog))
            }
            loadTimes.append(elapsed.milliseconds)
        }
        guard let (catalog, matcher) = loaded else { preconditionFailure("no load ran") }
        let queries = try evaluationTexts()
        let latency = LatencyMeter().measure(matcher, queries: queries)
        let peak = PeakMemory.megabytes()
        StandardError.write(
            """
            shipped: \(catalog.intents.count) intents, \(queries.count) queries × \(latency.passes) passes, \
            load times (ms) \(loadTimes.map { String(format: "%.1f", $0) }.joined(separator: " ")), \
            threshold \(String(format: "%.3f", matcher.threshold)), checksum \(String(format: "%.3f", latency.checksum))
            slowest queries (µs): \(latency.slowest.map { String(format: "%.0f", $0.microseconds) + " " + $0.query.prefix(60) }.joined(separator: " | "))

            """)
        return ScenarioResult(
            name: "shipped",
            catalog: catalog,
            loadTimes: loadTimes,
            latency: latency,
            queries: queries.count,
            peakResidentMegabytes: peak,
            note: """
                load_ms: median of \(Self.loadRepetitions) runs of CatalogLoader.load() plus IntentMatcher(catalog:); \
                queries: texts of \(Self.evaluationFiles.joined(separator: " and ")), one warm-up pass, \
                then \(latency.passes) timed passes (\(latency.samples) calls), a query's latency being the median of its passes; \
                peak_rss_mb: VmHWM of the process after this scenario, which runs first
                """)
    }

    /// The texts of both evaluation files, in file order; each file is looked for below the
    /// catalogue directory first, then below the current directory.
    private func evaluationTexts() throws -> [String] {
        let bases = [catalogDirectory, URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)]
        var texts: [String] = []
        for file in Self.evaluationFiles {
            let candidates = bases.map { $0.appendingPathComponent(file) }
            guard let url = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
                throw MissingEvaluationFile(file: file, searched: bases.map(\.path))
            }
            texts += try EvaluationSet(contentsOf: url).examples.map(\.text)
        }
        return texts
    }
}

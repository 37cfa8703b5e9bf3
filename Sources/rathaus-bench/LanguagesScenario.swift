import Foundation
import RathausCatalog
import RathausUnderstanding

/// The scenario "languages": German and English matching side by side in one run, each on its own
/// blind evaluation set and noisy copy, so that English costs can be compared with German.
struct LanguagesScenario {
    /// The sets per language, relative to the catalogue or the current directory.
    static let sets: [(language: Language, files: [String])] = [
        (.german, ["Tests/Evaluation/blind-de.jsonl", "Tests/Evaluation/blind-de-noisy.jsonl"]),
        (.english, ["Tests/Evaluation/english.jsonl", "Tests/Evaluation/english-noisy.jsonl"]),
    ]

    /// The figures of one language.
    struct LanguageResult: Encodable {
        let language: String
        let queries: Int
        let p50Microseconds: Double
        let p99Microseconds: Double
        let slowestCallMicroseconds: Double

        enum CodingKeys: String, CodingKey {
            case language, queries
            case p50Microseconds = "p50_us"
            case p99Microseconds = "p99_us"
            case slowestCallMicroseconds = "slowest_call_us"
        }
    }

    /// What the scenario reports.
    struct Result: Encodable {
        let languages: [LanguageResult]
        /// English p99 over German p99 (the goal: at most 2).
        let p99Ratio: Double
        let note: String

        enum CodingKeys: String, CodingKey {
            case languages, note
            case p99Ratio = "p99_ratio_en_de"
        }
    }

    /// The directory holding `Intents/` and `Knowledge/`.
    let catalogDirectory: URL

    /// Loads the catalogue, builds the German and the English matcher, and measures each on its sets.
    func run() throws -> Result {
        let catalog = try CatalogLoader(directory: catalogDirectory).load()
        var results: [LanguageResult] = []
        for (language, files) in Self.sets {
            let matcher = try IntentMatcher(catalog: catalog.localized(to: language))
            let queries = try files.flatMap { try EvaluationSet(contentsOf: try locate($0)).examples.map(\.text) }
            let latency = LatencyMeter().measure(matcher, queries: queries)
            results.append(
                LanguageResult(
                    language: language.rawValue, queries: queries.count, p50Microseconds: latency.p50Microseconds,
                    p99Microseconds: latency.p99Microseconds, slowestCallMicroseconds: latency.slowestCallMicroseconds))
            StandardError.write(
                "languages: \(language) p50 \(String(format: "%.1f", latency.p50Microseconds)) µs, "
                    + "p99 \(String(format: "%.1f", latency.p99Microseconds)) µs over \(queries.count) queries\n")
        }
        return Result(
            languages: results, p99Ratio: results[1].p99Microseconds / max(results[0].p99Microseconds, 0.001),
            note: """
                each language's matcher built on the catalogue localized to it; queries: \
                \(Self.sets.flatMap(\.files).joined(separator: ", ")); one warm-up pass, then timed passes, \
                a query's latency being the median of its passes
                """)
    }

    /// A set file below the catalogue directory, else below the current directory.
    private func locate(_ file: String) throws -> URL {
        let bases = [catalogDirectory, URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)]
        let candidates = bases.map { $0.appendingPathComponent(file) }
        guard let url = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw ShippedScenario.MissingEvaluationFile(file: file, searched: bases.map(\.path))
        }
        return url
    }
}

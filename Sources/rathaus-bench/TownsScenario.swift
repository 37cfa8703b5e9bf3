import Foundation
import Logging
import RathausCatalog
import RathausServer
import RathausUnderstanding

/// The scenario "towns": a generated Land of towns over the shipped catalogue (``LandGenerator``),
/// loaded as `rathaus serve --tenants` loads it (every town's catalogue, engine, database and
/// API), and matched against one town alone.
struct TownsScenario {
    /// What the scenario reports.
    struct Result: Encodable {
        let towns: Int
        /// Seconds from nothing to every town ready (shared catalogue, towns, databases, routers), on
        /// a restart: the towns' databases exist.
        let loadSeconds: Double
        /// The same on the first start, which creates every town's database.
        let firstStartSeconds: Double
        /// Of ``loadSeconds``, the catalogues and engines (the rest: opening databases, building APIs).
        let catalogueSeconds: Double
        /// The process's peak resident memory after loading.
        let peakResidentMegabytes: Double?
        /// p99 of a query's median call, one town alone (the shipped catalogue's own matcher).
        let singleP99Microseconds: Double
        /// The same over the towns' matchers (each query asked in several towns).
        let townsP99Microseconds: Double
        /// ``townsP99Microseconds`` over ``singleP99Microseconds`` (the goal: at most 1.5).
        let p99Ratio: Double
        /// Share of the other phrasings of the towns' own services recognised as that service.
        let ownServiceRecall: Double
        /// Share of the shared evaluation questions a town's matcher answers as the shared one does.
        let sharedAgreement: Double
        let note: String

        enum CodingKeys: String, CodingKey {
            case towns, note
            case loadSeconds = "load_s"
            case firstStartSeconds = "first_start_s"
            case catalogueSeconds = "catalogues_s"
            case peakResidentMegabytes = "peak_rss_mb"
            case singleP99Microseconds = "single_p99_us"
            case townsP99Microseconds = "towns_p99_us"
            case p99Ratio = "p99_ratio_towns_single"
            case ownServiceRecall = "own_service_recall"
            case sharedAgreement = "shared_agreement"
        }
    }

    /// The shipped catalogue, every town's base.
    let catalogDirectory: URL
    /// How many towns.
    let count: Int
    /// Where to write the Land (kept); nil for a temporary folder, removed afterwards.
    let output: URL?
    /// Towns whose matchers are timed (spread evenly over the Land).
    static let timedTowns = 10

    func run() throws -> Result {
        let folder = output ?? FileManager.default.temporaryDirectory.appendingPathComponent("rathaus-land-\(UUID().uuidString)")
        defer { if output == nil { try? FileManager.default.removeItem(at: folder) } }
        let generated = try LandGenerator(base: catalogDirectory, count: count).write(into: folder)

        let clock = ContinuousClock()
        // The first start creates every town's database; the restart finds them, as a deployment does.
        let firstStart = try clock.measure { _ = try Self.load(folder) }
        var catalogues: Duration = .zero
        var served: [ServedTown] = []
        let elapsed = try clock.measure { (served, catalogues) = try Self.load(folder) }
        let peak = PeakMemory.megabytes()
        let byKey = Dictionary(uniqueKeysWithValues: served.map { ($0.tenant.key, $0) })

        // One town alone: the shipped catalogue and its own matcher, as `serve --catalog` has it.
        let single = try IntentMatcher(catalog: try CatalogLoader(directory: catalogDirectory).load())
        let queries = try EvaluationSet(contentsOf: locate("Tests/Evaluation/blind-de.jsonl")).examples.map(\.text)
        let timed = stride(from: 0, to: generated.count, by: max(1, generated.count / Self.timedTowns)).prefix(Self.timedTowns)
        let townMatchers = timed.compactMap { byKey[generated[$0].key]?.tenant.live.engine.matcher }
        // Side by side, alternating, so that the machine's noise falls on both.
        var singleRuns: [Double] = [], townRuns: [Double] = []
        for _ in 0..<2 {
            singleRuns.append(LatencyMeter().measure(single, queries: queries).p99Microseconds)
            let perQuery = townMatchers.flatMap { LatencyMeter().measure($0, queries: queries).perQueryMicroseconds }.sorted()
            townRuns.append(Percentile.of(0.99, sorted: perQuery))
        }
        let singleP99 = singleRuns.sorted()[0], townsP99 = townRuns.sorted()[0]

        var asked = 0, recognised = 0
        for town in generated {
            guard let matcher = byKey[town.key]?.tenant.live.engine.matcher else { continue }
            for service in town.ownServices {
                for question in service.questions {
                    asked += 1
                    if matcher.match(question).intent == service.id { recognised += 1 }
                }
            }
        }
        var compared = 0, agreeing = 0
        for matcher in townMatchers {
            for query in queries {
                compared += 1
                if matcher.match(query).intent == single.match(query).intent { agreeing += 1 }
            }
        }
        let result = Result(
            towns: served.count, loadSeconds: elapsed.milliseconds / 1000, firstStartSeconds: firstStart.milliseconds / 1000,
            catalogueSeconds: catalogues.milliseconds / 1000, peakResidentMegabytes: peak,
            singleP99Microseconds: singleP99, townsP99Microseconds: townsP99, p99Ratio: townsP99 / singleP99,
            ownServiceRecall: Double(recognised) / Double(max(1, asked)), sharedAgreement: Double(agreeing) / Double(max(1, compared)),
            note: """
                load_s: TenantDirectory.load of the generated folder plus each town's database and API, as serve --tenants starts, \
                on a restart (first_start_s: the first load, which creates the databases); peak_rss_mb: VmHWM after both loads; \
                p99: blind-de.jsonl's \(queries.count) texts, LatencyMeter (warm-up, 5 passes, a query's median), the shipped catalogue's \
                matcher vs \(townMatchers.count) towns' matchers, alternating twice, the lower p99 of each; \
                own_service_recall over \(asked) phrasings not in the towns' examples; shared_agreement over \(compared) questions
                """)
        StandardError.write(
            "towns: \(served.count) loaded in \(String(format: "%.2f", result.loadSeconds)) s "
                + "(catalogues \(String(format: "%.2f", catalogues.milliseconds / 1000)) s, first start \(String(format: "%.2f", firstStart.milliseconds / 1000)) s), peak \(String(format: "%.0f", peak ?? 0)) MB, "
                + "p99 \(String(format: "%.1f", singleP99)) vs \(String(format: "%.1f", townsP99)) µs, own services \(recognised)/\(asked), "
                + "agreement \(agreeing)/\(compared)\n")
        return result
    }

    /// Loads every town of `folder` as `serve --tenants` starts: catalogues, then databases and
    /// APIs; the towns, and how long their catalogues took.
    private static func load(_ folder: URL) throws -> (towns: [ServedTown], catalogues: Duration) {
        let clock = ContinuousClock()
        var tenants: [Tenant] = []
        let catalogues = try clock.measure { tenants = try TenantDirectory.load(folder) }
        let towns = try tenants.map { try ServedTown($0, web: nil, retentionDays: 30, logger: Logger(label: "bench")) }
        return (towns, catalogues)
    }

    /// A file below the catalogue directory, else below the current directory.
    private func locate(_ file: String) throws -> URL {
        for base in [catalogDirectory, URL(fileURLWithPath: FileManager.default.currentDirectoryPath)] {
            let url = base.appendingPathComponent(file)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        throw ShippedScenario.MissingEvaluationFile(file: file, searched: [catalogDirectory.path])
    }
}

import Foundation
import RathausCatalog
import RathausUnderstanding

/// The scenario "adversarial": messages of 1,000 characters made to be slow to analyse (see
/// ``AdversarialMessages``), matched against the shipped catalogue; latency per category and overall.
///
/// The goal it checks (issue 17): the slowest message at most 1 ms, the 99th percentile at most 0.5 ms.
struct AdversarialScenario {
    /// Messages per category.
    static let messagesPerCategory = 50
    /// Timed passes over all messages (after one warm-up pass).
    static let passes = 5
    /// The slowest message allowed, in microseconds.
    static let maximumGoalMicroseconds = 1_000.0
    /// The 99th percentile allowed, in microseconds.
    static let p99GoalMicroseconds = 500.0

    /// The figures of one category.
    struct CategoryResult: Encodable {
        /// The category's name.
        let name: String
        /// Messages of this category.
        let messages: Int
        /// Median over the messages of each message's median call, in microseconds.
        let p50Microseconds: Double
        /// 99th percentile of the same, in microseconds.
        let p99Microseconds: Double
        /// The slowest message's median call, in microseconds.
        let maxMicroseconds: Double
        /// The slowest single timed call, in microseconds (includes preemption by the system).
        let slowestCallMicroseconds: Double
        /// Messages matched to an intent (the rest are out of scope).
        let matched: Int

        private enum CodingKeys: String, CodingKey {
            case name, messages, matched
            case p50Microseconds = "p50_us"
            case p99Microseconds = "p99_us"
            case maxMicroseconds = "max_us"
            case slowestCallMicroseconds = "slowest_call_us"
        }
    }

    /// What the scenario measured.
    struct Result: Encodable {
        /// Always "adversarial".
        let name = "adversarial"
        /// Characters per message.
        let messageLength: Int
        /// One entry per category, in the order of ``AdversarialMessages/Category``.
        let categories: [CategoryResult]
        /// 99th percentile over all messages, in microseconds.
        let p99Microseconds: Double
        /// The slowest message over all categories, in microseconds.
        let maxMicroseconds: Double
        /// Whether max ≤ 1 ms and p99 ≤ 0.5 ms.
        let meetsGoal: Bool
        /// How to read the figures.
        let note: String

        private enum CodingKeys: String, CodingKey {
            case name, categories, note
            case messageLength = "message_length"
            case p99Microseconds = "p99_us"
            case maxMicroseconds = "max_us"
            case meetsGoal = "meets_goal"
        }
    }

    /// The directory holding `Intents/` and `Knowledge/`.
    let catalogDirectory: URL

    /// Loads the shipped catalogue, generates the messages and times matching them.
    func run() throws -> Result {
        let catalog = try CatalogLoader(directory: catalogDirectory).load()
        let matcher = try IntentMatcher(catalog: catalog)
        let generator = AdversarialMessages(catalog: catalog)
        var categories: [CategoryResult] = []
        var all: [Double] = []
        for category in AdversarialMessages.Category.allCases {
            let messages = generator.messages(category, count: Self.messagesPerCategory)
            let latency = LatencyMeter(passes: Self.passes).measure(matcher, queries: messages)
            all += latency.perQueryMicroseconds
            categories.append(
                CategoryResult(
                    name: category.rawValue, messages: messages.count,
                    p50Microseconds: Self.rounded(latency.p50Microseconds), p99Microseconds: Self.rounded(latency.p99Microseconds),
                    maxMicroseconds: Self.rounded(latency.perQueryMicroseconds.last ?? 0),
                    slowestCallMicroseconds: Self.rounded(latency.slowestCallMicroseconds),
                    matched: latency.warmUpMatches.filter { $0.intent != nil }.count))
            StandardError.write(
                """
                adversarial \(category.rawValue): p50 \(String(format: "%.1f", latency.p50Microseconds)) µs, \
                p99 \(String(format: "%.1f", latency.p99Microseconds)) µs, \
                max \(String(format: "%.1f", latency.perQueryMicroseconds.last ?? 0)) µs; \
                slowest: \(latency.slowest.first.map { "\"" + $0.query.prefix(40) + "…\"" } ?? "-")

                """)
        }
        all.sort()
        let p99 = Percentile.of(0.99, sorted: all), maximum = all.last ?? 0
        let meetsGoal = maximum <= Self.maximumGoalMicroseconds && p99 <= Self.p99GoalMicroseconds
        StandardError.write(
            "adversarial: p99 \(String(format: "%.1f", p99)) µs, max \(String(format: "%.1f", maximum)) µs, goal \(meetsGoal ? "met" : "missed")\n")
        return Result(
            messageLength: AdversarialMessages.length, categories: categories,
            p99Microseconds: Self.rounded(p99), maxMicroseconds: Self.rounded(maximum), meetsGoal: meetsGoal,
            note: """
                shipped catalogue; \(Self.messagesPerCategory) seeded messages of \(AdversarialMessages.length) characters per category, \
                matched with IntentMatcher.match(_:) (the text analysed as an Utterance): one warm-up pass, then \(Self.passes) timed passes, \
                a message's latency being the median of its passes; p50/p99/max over the messages; \
                slowest_call_us: the slowest single call; goal: max ≤ \(Int(Self.maximumGoalMicroseconds)) µs, p99 ≤ \(Int(Self.p99GoalMicroseconds)) µs
                """)
    }

    private static func rounded(_ value: Double) -> Double {
        (value * 10).rounded() / 10
    }
}

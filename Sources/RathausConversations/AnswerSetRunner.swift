import Foundation
import RathausCatalog
import RathausDialog
import RathausStore
import RathausUnderstanding

/// Runs an ``AnswerSet`` through the conversation service, each test in a conversation of its
/// own, with the town's clock fixed, and reports how many pass and how long the answers are.
public struct AnswerSetRunner: Sendable {
    /// The outcome of a whole set.
    public struct Report: Sendable, Encodable {
        /// A test that failed and why.
        public struct Failure: Sendable, Encodable {
            /// The test's id.
            public let id: String
            /// What was wrong.
            public let reason: String
            /// The last reply.
            public let reply: String
        }

        /// Tests run.
        public let total: Int
        /// Tests passed.
        public let passed: Int
        /// Median words of the answers to questions about one aspect ("kind": "aspect").
        public let medianAspectWords: Double
        /// Median words of all last answers.
        public let medianWords: Double
        /// The failed tests.
        public let failures: [Failure]

        /// Share of tests passed, 0 to 1.
        public var passRate: Double { Double(passed) / Double(max(1, total)) }

        enum CodingKeys: String, CodingKey {
            case total, passed, failures
            case passRate = "pass_rate"
            case medianAspectWords = "median_aspect_words"
            case medianWords = "median_words"
        }

        /// Encodes the figures and the failures.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(total, forKey: .total)
            try container.encode(passed, forKey: .passed)
            try container.encode(passRate, forKey: .passRate)
            try container.encode(medianAspectWords, forKey: .medianAspectWords)
            try container.encode(medianWords, forKey: .medianWords)
            try container.encode(failures, forKey: .failures)
        }
    }

    /// The moment the clock shows while a set runs (a Wednesday morning).
    public static let defaultNow = TownTime(date: CalendarDate(year: 2027, month: 3, day: 3)!, time: ClockTime(hour: 10)!)

    private let engine: ChatEngine
    private let now: TownTime

    /// A runner against `engine`'s catalogue with the clock at `now`.
    public init(engine: ChatEngine, now: TownTime = Self.defaultNow) {
        self.engine = engine
        self.now = now
    }

    /// Runs every test of `set`.
    public func run(_ set: AnswerSet) async throws -> Report {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rathaus-answers-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ConversationStore(path: folder.appendingPathComponent("answers.sqlite").path)
        let now = now
        let service = ConversationService(engine: engine, store: store, today: { now.date }, now: { now })
        var failures: [Report.Failure] = []
        var aspectWords: [Int] = [], allWords: [Int] = []
        for item in set.cases {
            let id = "answers-\(item.id)-\(UUID().uuidString.lowercased())"
            var turn: ChatSession.Turn?
            for text in item.turns {
                turn = try await service.reply(to: Utterance(text), in: id, access: .trusted).turn
            }
            guard let turn else { continue }
            let reply = turn.replies.joined(separator: "\n")
            let words = turn.replies.first.map(AnswerComposer.wordCount) ?? 0
            allWords.append(words)
            if item.kind == "aspect" { aspectWords.append(words) }
            let normalizedReply = Self.normalized(reply)
            let missing = item.facts.filter { !normalizedReply.contains(Self.normalized($0)) }
            if !missing.isEmpty {
                failures.append(.init(id: item.id, reason: "fehlt: " + missing.map { "„\($0)“" }.joined(separator: ", "), reply: reply))
            } else if words > item.maxWords {
                failures.append(.init(id: item.id, reason: "\(words) Wörter, höchstens \(item.maxWords)", reply: reply))
            }
        }
        return Report(
            total: set.cases.count, passed: set.cases.count - failures.count, medianAspectWords: Self.median(aspectWords),
            medianWords: Self.median(allWords), failures: failures)
    }

    /// Lower case, runs of white space as one space.
    private static func normalized(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func median(_ values: [Int]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
    }
}

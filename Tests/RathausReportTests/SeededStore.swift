import Foundation
import RathausCatalog
import RathausConversations
import RathausDialog
import RathausReport
import RathausStore
import RathausTestSupport
import RathausUnderstanding

/// A store filled by running the conversations of `Tests/Report/conversations.txt` through the
/// conversation service, as citizens would have: every turn answered and stored for real.
enum SeededStore {
    /// The conversations of the script: one list of messages per block.
    static func conversations() throws -> [[String]] {
        let url = CatalogFixture.repositoryRoot.appendingPathComponent("Tests/Report/conversations.txt")
        var blocks: [[String]] = [[]]
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false) {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("#") { continue }
            if text.isEmpty {
                if !blocks[blocks.count - 1].isEmpty { blocks.append([]) }
            } else {
                blocks[blocks.count - 1].append(text)
            }
        }
        return blocks.filter { !$0.isEmpty }
    }

    static let engine = ChatEngine(catalog: CatalogFixture.shipped, matcher: CatalogFixture.matcher(CatalogFixture.shipped))

    /// A new database at a temporary path with the script's conversations; their ids in order.
    static func make() async throws -> (store: ConversationStore, ids: [String]) {
        let path = TestFolder.run.appendingPathComponent("rathaus-report-\(UUID().uuidString)/report.sqlite").path
        let store = try ConversationStore(path: path)
        let service = ConversationService(engine: engine, store: store)
        var ids: [String] = []
        for messages in try conversations() {
            let id = UUID().uuidString.lowercased()
            for message in messages { _ = try await service.reply(to: Utterance(message), in: id, access: .trusted) }
            ids.append(id)
        }
        return (store, ids)
    }

    /// The report of the last 30 days (the turns were stored just now).
    static func report(_ store: ConversationStore) throws -> Report {
        let period = ReportPeriod.resolve(since: nil, until: nil, today: .today())!
        return try ReportBuilder.report(store: store, catalog: CatalogFixture.shipped, period: period, stemmer: try SnowballStemmer())
    }
}

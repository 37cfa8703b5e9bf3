import Foundation
import RathausTestSupport
import Testing

@testable import RathausStore

/// The databases the store's tests run against: every test that takes a backend runs once on a
/// SQLite file and once on a PostgreSQL database of its own (``PostgresServer``).
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// A new location for a store: a file in a fresh temporary folder, or a new database.
    func makeLocation() throws -> String {
        switch self {
        case .sqlite:
            let folder = TestFolder.run.appendingPathComponent("rathaus-store-\(UUID().uuidString)")
            return folder.appendingPathComponent("test.sqlite").path
        case .postgres:
            return try PostgresServer.shared().makeDatabase()
        }
    }

    /// A store at a new location, and the location.
    func makeStore(referencePrefix: String = "MS") throws -> (ConversationStore, String) {
        let location = try makeLocation()
        return (try ConversationStore(path: location, referencePrefix: referencePrefix), location)
    }
}

extension ConversationStore {
    /// The first column `column` of the rows of `sql`, as tests inspect what the store wrote.
    func values<Value: SQLColumnValue>(_ sql: String, _ arguments: [any SQLArgument] = [], column: String) throws -> [Value] {
        try database.read { db in try db.rows(sql, arguments).map { try $0[column] } }
    }

    /// The text in column `column` of the first row of `sql`, nil when there is none.
    func text(_ sql: String, _ arguments: [any SQLArgument] = [], column: String) throws -> String? {
        let texts: [String] = try values(sql, arguments, column: column)
        return texts.first
    }

    /// Runs `sql` in a transaction of its own, as tests change the schema (a trigger that refuses rows).
    func executeForTest(_ sql: String) throws {
        try database.write { db in try db.execute(sql) }
    }
}

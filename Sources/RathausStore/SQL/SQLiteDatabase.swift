import Foundation
import GRDB

/// The SQLite backend: a GRDB `DatabasePool` on one file (WAL journal, readers beside the one
/// writer), with the settings of ``ConversationStore/configuration``.
final class SQLiteDatabase: SQLDatabase {
    /// The pool; tests read the file's settings through it.
    let pool: DatabasePool
    var dialect: SQLDialect { .sqlite }

    /// Opens the file at `path` with `configuration`.
    init(path: String, configuration: Configuration) throws {
        pool = try DatabasePool(path: path, configuration: configuration)
    }

    func read<Value>(_ work: (any SQLConnection) throws -> Value) throws -> Value {
        try pool.read { db in try work(SQLiteConnection(db: db)) }
    }

    /// Nil: one server owns a SQLite file, and it orders its own work.
    func reserveConnection() throws -> (any SQLReservedConnection)? {
        nil
    }

    /// A plain write is GRDB's `write` (a DEFERRED transaction on the pool's one writer); an
    /// immediate one takes the file's write lock at BEGIN, and a durable one commits with
    /// `synchronous=FULL` and goes back to NORMAL afterwards.
    func write<Value>(_ mode: SQLWriteMode, _ work: (any SQLConnection) throws -> Value) throws -> Value {
        guard mode.immediate || mode.durable else {
            return try pool.write { db in try work(SQLiteConnection(db: db)) }
        }
        return try pool.writeWithoutTransaction { db in
            if mode.durable { try db.execute(sql: "PRAGMA synchronous = FULL") }
            defer { if mode.durable { try? db.execute(sql: "PRAGMA synchronous = NORMAL") } }
            var result: Value?
            try db.inTransaction(mode.immediate ? .immediate : .deferred) {
                result = try work(SQLiteConnection(db: db))
                return .commit
            }
            return result!
        }
    }
}

/// A GRDB connection inside one of ``SQLiteDatabase``'s transactions. Statements are prepared
/// once per connection and kept (GRDB's statement cache): the store's SQL is a fixed set of texts.
struct SQLiteConnection: SQLConnection {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    func execute(_ sql: String, _ arguments: [any SQLArgument]) throws -> Int {
        try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
        return db.changesCount
    }

    func rows(_ sql: String, _ arguments: [any SQLArgument]) throws -> [SQLRow] {
        try Row.fetchAll(db.cachedStatement(sql: sql), arguments: Self.arguments(arguments)).map(Self.row)
    }

    func forEachRow(_ sql: String, _ arguments: [any SQLArgument], _ body: (SQLRow) throws -> Void) throws {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: Self.arguments(arguments))
        while let row = try rows.next() { try body(Self.row(row)) }
    }

    /// A GRDB row's values by column name.
    static func row(_ row: Row) -> SQLRow {
        var values: [String: SQLValue] = [:]
        for (name, value) in row {
            values[name] =
                switch value.storage {
                case .null: .null
                case .int64(let number): .integer(number)
                case .double(let number): .real(number)
                case .string(let text): .text(text)
                case .blob(let bytes): .blob(bytes)
                }
        }
        return SQLRow(values: values)
    }

    /// The arguments as GRDB binds them; a date as the text GRDB stores dates as (UTC to the
    /// millisecond), written by ``UTCTimestamp`` rather than GRDB's slower formatter.
    static func arguments(_ arguments: [any SQLArgument]) -> StatementArguments {
        StatementArguments(
            arguments.map { argument -> (any DatabaseValueConvertible)? in
                switch argument.sqlValue {
                case .null: nil
                case .integer(let number): number
                case .real(let number): number
                case .text(let text): text
                case .blob(let bytes): bytes
                case .date(let date): UTCTimestamp.text(for: date)
                }
            })
    }
}

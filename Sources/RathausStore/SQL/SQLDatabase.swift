import Foundation

/// The SQL the store's queries may differ in between SQLite and PostgreSQL. Every place that
/// switches on it says why; everything else is one text that both accept.
enum SQLDialect: Sendable, Hashable {
    /// SQLite through GRDB: one writer at a time, one file on one machine.
    case sqlite
    /// PostgreSQL through PostgresNIO: several processes on several machines write at once.
    case postgres
}

/// A database the store reads and writes through: SQLite (``SQLiteDatabase``) or PostgreSQL
/// (``PostgreSQLDatabase``). Each call runs its work in one transaction on one connection, and
/// blocks its thread until the transaction is over: call it off Swift's cooperative pool.
protocol SQLDatabase: Sendable {
    /// Which SQL the database speaks.
    var dialect: SQLDialect { get }

    /// Runs `work` in a transaction that only reads.
    func read<Value>(_ work: (any SQLConnection) throws -> Value) throws -> Value

    /// Runs `work` in a transaction that writes, committed when `work` returns and rolled back
    /// when it throws. `mode` says how the transaction starts and how durably it commits.
    func write<Value>(_ mode: SQLWriteMode, _ work: (any SQLConnection) throws -> Value) throws -> Value

    /// A connection of its own for work that spans several calls (a lock held across processes),
    /// until it is finished. Nil where one process owns the database (SQLite): there is nobody else
    /// to hold anything against.
    func reserveConnection() throws -> (any SQLReservedConnection)?
}

/// A connection set aside by ``SQLDatabase/reserveConnection()``: its session (and the locks it
/// holds) lasts until ``finish(with:_:)``.
protocol SQLReservedConnection: Sendable {
    /// Runs `work` on the connection, each statement committed on its own and without waiting for
    /// the disk (as a plain write, ``SQLWriteMode/plain``): what must change together must be one
    /// statement.
    func run<Value>(_ work: (any SQLConnection) throws -> Value) throws -> Value

    /// Sends `sql` (which ends what the session holds, such as an unlock) without waiting for the
    /// answer, and gives the connection back once it came; closes it when the statement failed.
    /// Without `sql`, gives the connection back at once. A second call does nothing.
    func finish(with sql: String?, _ arguments: [any SQLArgument])
}

extension SQLDatabase {
    /// Runs `work` in a plain write transaction (see ``SQLWriteMode/plain``).
    func write<Value>(_ work: (any SQLConnection) throws -> Value) throws -> Value {
        try write(.plain, work)
    }
}

/// How a write transaction starts and commits.
struct SQLWriteMode: Sendable, Hashable {
    /// Takes the write lock at the start (SQLite's IMMEDIATE): two processes that read and then
    /// write the same rows never both read before either writes. PostgreSQL locks rows instead
    /// (`FOR UPDATE`, advisory locks), so this changes nothing there.
    var immediate: Bool
    /// Synced to disk before the commit returns, also against a power loss (SQLite's
    /// `synchronous=FULL`; PostgreSQL's `synchronous_commit=on`). Without it a crash of the
    /// process loses nothing, a power loss may take back the last commits.
    var durable: Bool

    /// Neither immediate nor durable: a conversation's turns.
    static let plain = SQLWriteMode(immediate: false, durable: false)
    /// Immediate, not durable: leases and attempts of deliveries.
    static let immediate = SQLWriteMode(immediate: true, durable: false)
    /// Immediate and durable: applications, documents, steps of a procedure.
    static let durable = SQLWriteMode(immediate: true, durable: true)
}

/// One connection inside a transaction: runs parameterised SQL with `?` placeholders.
protocol SQLConnection {
    /// Which SQL the connection speaks.
    var dialect: SQLDialect { get }

    /// Runs one statement and returns how many rows it inserted, updated or deleted.
    @discardableResult
    func execute(_ sql: String, _ arguments: [any SQLArgument]) throws -> Int

    /// Runs one query and returns its rows.
    func rows(_ sql: String, _ arguments: [any SQLArgument]) throws -> [SQLRow]

    /// Runs one query and calls `body` with each of its rows, in order. SQLite reads the rows one
    /// by one as `body` asks for them; PostgreSQL's connection has them all first.
    func forEachRow(_ sql: String, _ arguments: [any SQLArgument], _ body: (SQLRow) throws -> Void) throws
}

extension SQLConnection {
    /// Runs one statement without arguments.
    @discardableResult
    func execute(_ sql: String) throws -> Int {
        try execute(sql, [])
    }

    /// The first row of a query, nil when it has none.
    func row(_ sql: String, _ arguments: [any SQLArgument] = []) throws -> SQLRow? {
        try rows(sql, arguments).first
    }

    /// True when the query returns a row.
    func exists(_ sql: String, _ arguments: [any SQLArgument] = []) throws -> Bool {
        try row(sql, arguments) != nil
    }
}

import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO
import Synchronization

/// The PostgreSQL backend: connections of PostgresNIO to one database, given as a URL
/// (`postgres://user:password@host:5432/database`, `?sslmode=require` for TLS, or
/// `postgres://user:password@/database?host=/var/run/postgresql` for the server's Unix socket on
/// the same machine).
///
/// The store's API is synchronous, and so is this: each call takes an idle connection (or opens
/// one), sends its statements and waits for PostgresNIO's futures with `wait()`. That blocks the
/// calling thread, which must not be one of NIO's event loops (the futures would never complete)
/// nor one of Swift's cooperative pool (it would starve it): the store's callers already run on
/// threads that may block (``TurnWriter``'s queue, `Blocking.run`, the delivery worker's
/// thread). Idle connections are kept for the next call, up to ``idleLimit``.
final class PostgreSQLDatabase: SQLDatabase {
    /// Where to connect; the password is never logged or shown.
    let configuration: PostgresConnection.Configuration
    var dialect: SQLDialect { .postgres }
    /// Connections kept open between calls: enough for the turns a server answers at once, each of
    /// which holds one while it runs (``reserveConnection()``), beside the group commit's.
    static let idleLimit = 32
    /// How often a write is tried when PostgreSQL broke it off because of a deadlock or a
    /// serialisation conflict with another transaction (its SQLSTATE 40P01 or 40001): the
    /// transaction was rolled back, so trying it again is safe.
    static let attempts = 5

    private let idle = Mutex<[PooledConnection]>([])
    private let logger: Logger
    private let nextID = Atomic<Int>(0)

    /// The connection settings of a `postgres://` or `postgresql://` URL; nil when `location` is no
    /// such URL. Without a password in the URL, the environment's `PGPASSWORD` is used (as
    /// PostgreSQL's own tools do), so that the config file need not hold the secret. A `host`
    /// parameter that is an absolute path names the folder of the server's Unix socket, as in
    /// PostgreSQL's own tools (the socket being `.s.PGSQL.PORT` in it).
    static func configuration(
        url location: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> PostgresConnection.Configuration? {
        guard ConversationStore.isPostgreSQL(location) else { return nil }
        let missingPart = SQLFailure(description: "a PostgreSQL URL needs a user and a host: postgres://USER@HOST:PORT/DATABASE")
        guard let url = URLComponents(string: location), let user = url.user, !user.isEmpty else {
            throw missingPart
        }
        let parameters = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        if let unknown = parameters.keys.sorted().first(where: { $0 != "sslmode" && $0 != "host" }) {
            throw SQLFailure(description: "a PostgreSQL URL may have the parameters sslmode and host, not \(unknown)")
        }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        let password = url.password ?? environment["PGPASSWORD"]
        let port = url.port ?? 5432
        if let folder = parameters["host"], folder.hasPrefix("/") {
            return PostgresConnection.Configuration(
                unixSocketPath: "\(folder)/.s.PGSQL.\(port)", username: user, password: password,
                database: database.isEmpty ? user : database)
        }
        guard let host = parameters["host"] ?? url.host, !host.isEmpty else {
            throw missingPart
        }
        let tls: PostgresConnection.Configuration.TLS
        switch parameters["sslmode"] {
        case nil, "disable": tls = .disable
        case "require": tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case let mode?: throw SQLFailure(description: "sslmode \(mode) is not supported (disable or require)")
        }
        return PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database.isEmpty ? user : database, tls: tls)
    }

    /// A database reached with `configuration`; connects on first use.
    init(configuration: PostgresConnection.Configuration) {
        self.configuration = configuration
        var logger = Logger(label: "rathaus.store.postgres")
        logger.logLevel = .error
        self.logger = logger
    }

    deinit {
        for pooled in idle.withLock({ $0 }) { try? pooled.connection.close().wait() }
    }

    /// Runs `work`'s statements one by one, each in a transaction of its own: at PostgreSQL's READ
    /// COMMITTED every statement sees what was committed when it started, also inside a
    /// transaction, so a BEGIN and a COMMIT around reads would only cost two more round trips.
    func read<Value>(_ work: (any SQLConnection) throws -> Value) throws -> Value {
        let pooled = try takeConnection()
        do {
            let value = try work(PostgresSQLConnection(connection: pooled.connection, logger: logger))
            giveBack(pooled)
            return value
        } catch {
            if pooled.connection.isClosed { try? pooled.connection.close().wait() } else { giveBack(pooled) }
            throw error
        }
    }

    /// A write transaction at PostgreSQL's READ COMMITTED; a write that need not be durable commits
    /// with `synchronous_commit=off` (lost only if the server's machine loses power, as SQLite's
    /// NORMAL). Deadlocks and serialisation failures are tried again (``attempts``).
    func write<Value>(_ mode: SQLWriteMode, _ work: (any SQLConnection) throws -> Value) throws -> Value {
        var attempt = 1
        while true {
            do {
                return try transaction(durable: mode.durable, work)
            } catch let failure as PostgresFailure where failure.isTransient && attempt < Self.attempts {
                attempt += 1
            }
        }
    }

    /// A connection of its own, with `synchronous_commit` off (statements run on it are turns),
    /// until ``SQLReservedConnection/finish(with:_:)``. Session locks taken on it are PostgreSQL's:
    /// they are free again when the connection ends, also when the process holding it was killed.
    func reserveConnection() throws -> (any SQLReservedConnection)? {
        var pooled = try takeConnection()
        if pooled.synchronousCommit {
            do {
                _ = try PostgresSQLConnection(connection: pooled.connection, logger: logger).execute("SET synchronous_commit = off")
            } catch {
                pooled.closeWithoutWaiting()
                throw error
            }
            pooled.synchronousCommit = false
        }
        return PostgresReservedConnection(pooled: pooled, logger: logger) { [weak self] pooled in
            if let self { self.giveBack(pooled) } else { pooled.closeWithoutWaiting() }
        }
    }

    /// Runs `work` between BEGIN and COMMIT on one connection; ROLLBACK when it throws. The
    /// connection's `synchronous_commit` is set only when it changes: turns, which need not be
    /// durable, are most writes, so most connections stay `off`.
    private func transaction<Value>(durable: Bool, _ work: (any SQLConnection) throws -> Value) throws -> Value {
        var pooled = try takeConnection()
        let session = PostgresSQLConnection(connection: pooled.connection, logger: logger)
        do {
            if pooled.synchronousCommit != durable {
                try session.execute(durable ? "SET synchronous_commit = on" : "SET synchronous_commit = off")
                pooled.synchronousCommit = durable
            }
            try session.execute("BEGIN")
            let value = try work(session)
            try session.execute("COMMIT")
            giveBack(pooled)
            return value
        } catch {
            if !pooled.connection.isClosed, (try? session.execute("ROLLBACK")) != nil {
                giveBack(pooled)
            } else {
                try? pooled.connection.close().wait()
            }
            throw error
        }
    }

    private func takeConnection() throws -> PooledConnection {
        while let pooled = idle.withLock({ $0.popLast() }) {
            if !pooled.connection.isClosed { return pooled }
        }
        do {
            let connection = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration,
                id: nextID.add(1, ordering: .relaxed).newValue, logger: logger
            ).wait()
            return PooledConnection(connection: connection, synchronousCommit: true)
        } catch {
            let place = configuration.unixSocketPath ?? "\(configuration.host ?? "?"):\(configuration.port ?? 5432)"
            throw PostgresFailure(error, doing: "connect to \(place)")
        }
    }

    private func giveBack(_ pooled: PooledConnection) {
        let kept = idle.withLock { idle in
            guard idle.count < Self.idleLimit else { return false }
            idle.append(pooled)
            return true
        }
        if !kept { pooled.closeWithoutWaiting() }
    }
}

/// A connection of ``PostgreSQLDatabase``'s pool, with the one session setting the pool changes.
struct PooledConnection: Sendable {
    let connection: PostgresConnection
    /// The session's `synchronous_commit` (on when the connection is new).
    var synchronousCommit: Bool

    /// Closes the connection and returns at once.
    func closeWithoutWaiting() {
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenComplete { _ in }
    }
}

/// A connection of ``PostgreSQLDatabase``'s pool set aside for work that spans several calls
/// (``PostgreSQLDatabase/reserveConnection()``).
final class PostgresReservedConnection: SQLReservedConnection {
    private let pooled: PooledConnection
    private let session: PostgresSQLConnection
    private let giveBack: @Sendable (PooledConnection) -> Void
    private let finished = Atomic<Bool>(false)

    init(pooled: PooledConnection, logger: Logger, giveBack: @escaping @Sendable (PooledConnection) -> Void) {
        self.pooled = pooled
        session = PostgresSQLConnection(connection: pooled.connection, logger: logger)
        self.giveBack = giveBack
    }

    func run<Value>(_ work: (any SQLConnection) throws -> Value) throws -> Value {
        try work(session)
    }

    /// Sends `sql` and returns at once: the connection goes back to the pool when PostgreSQL has
    /// answered (a later statement on it would wait behind this one anyway).
    func finish(with sql: String?, _ arguments: [any SQLArgument]) {
        guard !finished.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let (pooled, giveBack) = (pooled, giveBack)
        guard let sql else { return giveBack(pooled) }
        let done: EventLoopFuture<PostgresQueryResult> = pooled.connection.query(session.query(sql, arguments), logger: session.logger)
        done.whenComplete { result in
            switch result {
            case .success: giveBack(pooled)
            case .failure: pooled.closeWithoutWaiting()
            }
        }
    }

    /// A connection dropped without ``finish(with:_:)`` is closed, which ends its session's locks.
    deinit {
        if !finished.load(ordering: .acquiring) { pooled.closeWithoutWaiting() }
    }
}

/// A PostgreSQL error as the store reports it: the SQLSTATE and the server's message (which names
/// constraints and tables, never a row's values: PostgreSQL puts those in the detail, left out).
struct PostgresFailure: Error, CustomStringConvertible, Sendable {
    /// The SQLSTATE, when the server sent one ("23505" unique violation, "40P01" deadlock …).
    let sqlState: String?
    let description: String

    init(_ error: any Error, doing what: String) {
        if let error = error as? PSQLError {
            sqlState = error.serverInfo?[.sqlState]
            let message = error.serverInfo?[.message] ?? "\(error.code)"
            description = "PostgreSQL could not \(what): \(message)" + (sqlState.map { " (SQLSTATE \($0))" } ?? "")
        } else {
            sqlState = nil
            description = "PostgreSQL could not \(what): \(error)"
        }
    }

    /// A deadlock or a serialisation failure: the transaction was rolled back and may be tried again.
    var isTransient: Bool { sqlState == "40P01" || sqlState == "40001" }
    /// A lock not granted within the statement's `lock_timeout` (SQLSTATE 55P03).
    var isLockTimeout: Bool { sqlState == "55P03" }
}

/// A PostgresNIO connection inside one of ``PostgreSQLDatabase``'s transactions: `?` placeholders
/// become `$1`, `$2` …, each call waits for its result.
struct PostgresSQLConnection: SQLConnection {
    let connection: PostgresConnection
    let logger: Logger
    var dialect: SQLDialect { .postgres }

    func execute(_ sql: String, _ arguments: [any SQLArgument]) throws -> Int {
        try run(sql, arguments).metadata.rows ?? 0
    }

    func rows(_ sql: String, _ arguments: [any SQLArgument]) throws -> [SQLRow] {
        try run(sql, arguments).rows.map(Self.row)
    }

    func forEachRow(_ sql: String, _ arguments: [any SQLArgument], _ body: (SQLRow) throws -> Void) throws {
        for row in try run(sql, arguments).rows { try body(Self.row(row)) }
    }

    private func run(_ sql: String, _ arguments: [any SQLArgument]) throws -> PostgresQueryResult {
        do {
            return try connection.query(query(sql, arguments), logger: logger).wait()
        } catch {
            throw PostgresFailure(error, doing: "run \(sql.prefix(60))…")
        }
    }

    /// `sql` with its `?` numbered and `arguments` bound as PostgreSQL's types.
    func query(_ sql: String, _ arguments: [any SQLArgument]) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument.sqlValue {
            case .null: bindings.appendNull()
            case .integer(let number): bindings.append(number)
            case .real(let number): bindings.append(number)
            case .text(let text): bindings.append(text)
            case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            case .date(let date): bindings.append(date)
            }
        }
        return PostgresQuery(unsafeSQL: Self.numberedPlaceholders(sql), binds: bindings)
    }

    /// `sql` with its `?` placeholders numbered as PostgreSQL writes them (`$1`, `$2` …); a `?`
    /// inside a quoted literal or name stays.
    static func numberedPlaceholders(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var quote: Character?
        var number = 0
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                out.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                out.append(character)
            } else if character == "?" {
                number += 1
                out += "$\(number)"
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// A row's values by column name, each as the store reads it.
    static func row(_ row: PostgresRow) throws -> SQLRow {
        var values: [String: SQLValue] = [:]
        for cell in row {
            guard cell.bytes != nil else {
                values[cell.columnName] = .null
                continue
            }
            values[cell.columnName] =
                switch cell.dataType {
                case .int2: .integer(Int64(try cell.decode(Int16.self)))
                case .int4: .integer(Int64(try cell.decode(Int32.self)))
                case .int8: .integer(try cell.decode(Int64.self))
                case .bool: .integer(try cell.decode(Bool.self) ? 1 : 0)
                case .float4, .float8: .real(try cell.decode(Double.self))
                case .text, .varchar, .bpchar, .name: .text(try cell.decode(String.self))
                case .bytea: .blob(Data(try cell.decode(ByteBuffer.self).readableBytesView))
                case .timestamptz, .timestamp: .date(try cell.decode(Date.self))
                default: throw SQLFailure(description: "column \(cell.columnName) has the type \(cell.dataType), which the store does not read")
                }
        }
        return SQLRow(values: values)
    }
}

import GRDB
import GRDBSQLite

/// Running one of the store's prepared statements with text arguments bound straight from Swift
/// strings and UTF-8 bytes (`sqlite3_bind_text`), for the write of every turn.
///
/// GRDB's `StatementArguments` box every argument into a `DatabaseValue` and bind through it; for a
/// turn (an update and an insert, seven arguments, one of them a few kilobytes of replies) that cost
/// about 21,000 instructions per turn in `callgrind`, as much as SQLite's own work on the insert.
/// The statement stays GRDB's (prepared and cached by it, finalized when the connection closes);
/// only its bindings and steps are made here, and each is checked.
extension Statement {
    /// One text argument: a string, or UTF-8 bytes that SQLite stores as text unchecked.
    enum TextArgument {
        /// A Swift string.
        case string(String)
        /// UTF-8 bytes, such as JSON that `JSONOutput` wrote from valid strings.
        case utf8([UInt8])
    }

    /// Binds `arguments` to the placeholders `?1 … ?n`, runs the statement to its end and resets it.
    /// The statement is reset whenever it ends, so it always starts here without a step begun.
    /// Throws GRDB's `DatabaseError` with SQLite's code and message when a step or a binding fails.
    func run(binding arguments: [TextArgument]) throws {
        let statement = sqliteStatement
        // Left reset and without bindings (which hold copies of the texts), however it ends.
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        for (offset, argument) in arguments.enumerated() {
            let code: CInt
            switch argument {
            case .string(var text):
                code = text.withUTF8 { Self.bind($0, to: statement, at: CInt(offset + 1)) }
            case .utf8(let bytes):
                code = bytes.withUnsafeBufferPointer { Self.bind($0, to: statement, at: CInt(offset + 1)) }
            }
            guard code == SQLITE_OK else { throw failure(code) }
        }
        var code = sqlite3_step(statement)
        while code == SQLITE_ROW { code = sqlite3_step(statement) }
        guard code == SQLITE_DONE else { throw failure(code) }
    }

    /// Binds `text` as TEXT, which SQLite copies at once (`SQLITE_TRANSIENT`); an empty text as the
    /// empty string, not NULL.
    private static func bind(_ text: UnsafeBufferPointer<UInt8>, to statement: SQLiteStatement, at index: CInt) -> CInt {
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        guard let base = text.baseAddress, !text.isEmpty else { return sqlite3_bind_text(statement, index, "", 0, transient) }
        return base.withMemoryRebound(to: CChar.self, capacity: text.count) {
            sqlite3_bind_text(statement, index, $0, CInt(text.count), transient)
        }
    }

    /// The error of a failed binding or step, with SQLite's message and the statement's SQL.
    private func failure(_ code: CInt) -> DatabaseError {
        let message = sqlite3_db_handle(sqliteStatement).flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
    }
}

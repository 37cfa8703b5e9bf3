import Foundation

/// The maintenance switch of `rathaus maintenance on|off`: one row in the database that every
/// `rathaus serve` on this database reads every few seconds. The database is the one place the
/// command and a running server already share, wherever the server runs and whatever config file it
/// was started with.
extension ConversationStore {
    /// Maintenance switched on by `rathaus maintenance on`.
    public struct MaintenanceSwitch: Sendable, Hashable {
        /// The text for citizens; nil for the default text.
        public let message: String?
        /// When it was switched on.
        public let since: Date
    }

    /// The switch, or nil while maintenance is off.
    public func maintenanceSwitch() throws -> MaintenanceSwitch? {
        try database.read { db in
            try db.row("SELECT message, since FROM maintenance WHERE id = 1").map { row in
                MaintenanceSwitch(message: try row["message"], since: try row["since"])
            }
        }
    }

    /// Switches maintenance on with `message` (nil: the default text), or changes its message.
    public func switchMaintenanceOn(message: String?, now: Date = Date()) throws {
        try writeTransaction(durable: true) { db in
            try db.execute(
                """
                INSERT INTO maintenance (id, message, since) VALUES (1, ?, ?)
                ON CONFLICT(id) DO UPDATE SET message = excluded.message
                """, [message, now])
        }
    }

    /// Switches maintenance off; false when it was not on.
    @discardableResult
    public func switchMaintenanceOff() throws -> Bool {
        try writeTransaction(durable: true) { db in
            try db.execute("DELETE FROM maintenance") > 0
        }
    }
}

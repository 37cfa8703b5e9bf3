import Foundation
import Synchronization

/// One turn at a time per conversation across servers that share a PostgreSQL database: a server
/// holds the conversation from reading its state until its turn is stored.
extension ConversationStore {
    /// One server's hold on a conversation for the length of one turn (``holdConversation(_:)``),
    /// with the conversation's state as it was when the hold began.
    public final class ConversationHold: Sendable {
        let connection: any SQLReservedConnection
        let id: String
        /// The hash of the conversation's token (nil for a conversation of a trusted channel).
        let tokenHash: String?
        /// The stored state as JSON, nil when there is no such conversation.
        let state: String?
        /// Set once the turn's write let go of the lock at its commit.
        let handedOver = Atomic<Bool>(false)

        init(connection: any SQLReservedConnection, id: String, tokenHash: String?, state: String?) {
            (self.connection, self.id, self.tokenHash, self.state) = (connection, id, tokenHash, state)
        }

        /// Lets other servers answer the conversation again, unless the turn's write did already.
        /// Returns at once; a second call does nothing.
        public func release() {
            if handedOver.load(ordering: .acquiring) {
                connection.finish(with: nil, [])
            } else {
                connection.finish(with: "SELECT pg_advisory_unlock(\(PostgreSQLSchema.conversationLockSpace), hashtext(?))", [id])
            }
        }
    }

    /// Thrown by ``holdConversation(_:)`` when another server held the conversation for longer
    /// than ``holdWait``: it hangs in the middle of a turn.
    public struct ConversationBusy: Error, Sendable {}

    /// Waits until no other server is in a turn of conversation `id`, holds it until the hold is
    /// released and reads its state after the wait, in one round trip (the function
    /// `rathaus_hold_conversation`: PostgreSQL's session-level advisory lock on the conversation's
    /// id, freed also when the server holding it dies). Pass the hold to
    /// ``snapshot(id:tokenHash:holding:)`` and ``record(_:holding:now:)``. Nil on SQLite, which one
    /// server owns. Throws ``ConversationBusy`` after waiting ``holdWait`` in vain.
    public func holdConversation(_ id: String) throws -> ConversationHold? {
        guard let connection = try database.reserveConnection() else { return nil }
        do {
            let row = try connection.run { db in
                try db.row(
                    "SELECT token_hash, snapshot FROM rathaus_hold_conversation(\(PostgreSQLSchema.conversationLockSpace), ?, ?)",
                    [id, Int64(max(1, holdWait / .milliseconds(1)))])
            }
            return ConversationHold(connection: connection, id: id, tokenHash: try row?["token_hash"], state: try row?["snapshot"])
        } catch {
            connection.finish(with: "SELECT pg_advisory_unlock_all()", [])
            if let failure = error as? PostgresFailure, failure.isLockTimeout { throw ConversationBusy() }
            throw error
        }
    }

    /// Stores `turn` as ``record(_:now:)`` does, on the connection of `hold` when there is one:
    /// on PostgreSQL the conversation's new state and the transcript row are one statement there,
    /// without the round trips of a transaction or the wait for a group commit. A feedback turn,
    /// which changes an earlier row too, and a turn without a hold are written as a transaction.
    public func record(_ turn: RecordedTurn, holding hold: ConversationHold?, now: Date = Date()) throws {
        guard let hold, turn.facts.kind != .feedback || turn.facts.feedback == nil else {
            return try record([turn], now: now)
        }
        let id = turn.snapshot.id
        let state = try Self.stateText(turn.snapshot, encoder: JSONEncoder())
        let stored = (turn.mayCreate ? Self.upsertConversation : Self.updateConversation) + " RETURNING id"
        let storedArguments: [any SQLArgument] = turn.mayCreate ? [id, state, now, now] : [state, now, id]
        // The state, the transcript row and the hand-over of the lock to this statement's
        // transaction, which lets go of it when it commits.
        let added: Int64 = try hold.connection.run { db in
            let row = try db.row(
                """
                WITH stored AS (\(stored)),
                added AS (
                    INSERT INTO turn (conversation_id, \(Self.turnColumns))
                    SELECT id, ?::text, ?::text, ?::timestamptz, ?::text, ?::text, ?::text, ?::integer, ?::text, ?::text, ?::text, ?::text
                    FROM stored RETURNING 1)
                SELECT (SELECT count(*) FROM added) AS added, rathaus_hand_over_conversation(\(PostgreSQLSchema.conversationLockSpace), ?) AS handed_over
                """,
                storedArguments + Self.turnValues(turn, replies: JSONString.array(turn.replies), at: now) + [id])
            return try row?["added"] ?? 0
        }
        hold.handedOver.store(true, ordering: .releasing)
        if added == 0 { throw ConversationGone(ids: [id]) }
    }
}

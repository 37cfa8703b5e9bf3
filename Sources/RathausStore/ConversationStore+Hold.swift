import Foundation

/// One turn at a time per conversation across servers that share a PostgreSQL database: a server
/// holds the conversation from reading its state until its turn is stored.
extension ConversationStore {
    /// One server's hold on a conversation for the length of one turn (``holdConversation(_:)``).
    public struct ConversationHold: Sendable {
        let lock: any SQLHeldLock

        /// Lets other servers answer the conversation again. Returns at once; a second call does nothing.
        public func release() {
            lock.release()
        }
    }

    /// Waits until no other server is in a turn of conversation `id` and holds it until the hold is
    /// released: a state read after this (pass the hold to ``snapshot(id:tokenHash:holding:)``) is
    /// what the turn before stored, whichever server answered it. PostgreSQL's session-level
    /// advisory lock on the conversation's id, freed also when the server holding it dies. Nil on
    /// SQLite, which one server owns.
    public func holdConversation(_ id: String) throws -> ConversationHold? {
        try database.holdLock(space: PostgreSQLSchema.conversationLockSpace, key: id).map(ConversationHold.init)
    }

    /// Runs `work` on the hold's connection when there is a hold, else in a read of its own.
    func reading<Value>(holding hold: ConversationHold?, _ work: (any SQLConnection) throws -> Value) throws -> Value {
        if let hold { return try hold.lock.run(work) }
        return try database.read(work)
    }

    /// Stores `turn` as ``record(_:now:)`` does, on the connection of `hold` when there is one:
    /// on PostgreSQL the conversation's new state and the transcript row are one statement there,
    /// without the round trips of a transaction or the wait for a group commit. A feedback turn,
    /// which changes an earlier row too, and a turn without a hold are written as a transaction.
    public func record(_ turn: RecordedTurn, holding hold: ConversationHold?, now: Date = Date()) throws {
        guard let hold, database.dialect == .postgres, turn.facts.kind != .feedback || turn.facts.feedback == nil else {
            return try record([turn], now: now)
        }
        let id = turn.snapshot.id
        let state = try Self.stateText(turn.snapshot, encoder: JSONEncoder())
        let stored =
            turn.mayCreate
            ? """
            INSERT INTO conversation (id, snapshot, created_at, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET snapshot = excluded.snapshot, updated_at = excluded.updated_at RETURNING id
            """ : "UPDATE conversation SET snapshot = ?, updated_at = ? WHERE id = ? RETURNING id"
        let storedArguments: [any SQLArgument] = turn.mayCreate ? [id, state, now, now] : [state, now, id]
        let facts = turn.facts
        let inserted = try hold.lock.run { db in
            try db.execute(
                """
                WITH stored AS (\(stored))
                INSERT INTO turn (conversation_id, citizen, replies, created_at, kind, intent, department, after_clarification,
                                  form_id, form_event, form_step, rejected_field)
                SELECT id, ?::text, ?::text, ?::timestamptz, ?::text, ?::text, ?::text, ?::integer, ?::text, ?::text, ?::text, ?::text
                FROM stored
                """,
                storedArguments + [
                    turn.citizen, JSONString.array(turn.replies), now, facts.kind.rawValue, facts.intent, facts.department,
                    facts.resolvesClarification, facts.form, facts.formEvent?.rawValue, facts.formStep, facts.rejectedField,
                ])
        }
        if inserted == 0 { throw ConversationGone(ids: [id]) }
    }
}

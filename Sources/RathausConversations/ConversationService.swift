import Foundation
import RathausCatalog
import RathausDialog
import RathausStore
import RathausUnderstanding

/// The one place that answers and stores a citizen's turn. Every channel (the web API, the Rasa
/// channel, `rathaus chat`, `rathaus test`) calls it; none builds a session itself.
///
/// For each turn it checks the access (a web conversation's token, compared with the stored hash),
/// takes the conversation's state from the cache of recent conversations or the database, answers
/// with a ``ChatSession`` and stores the new state with the turn before it returns, so that a crash
/// loses nothing the citizen was told; or it deletes the conversation when the citizen asked for
/// that. All of it runs off Swift's cooperative pool, on a thread that may block (the database, an
/// application's synced write); turns are stored by group commit (``TurnWriter``).
public final class ConversationService: Sendable {
    /// A web conversation just created.
    public struct NewConversation: Sendable, Hashable {
        /// The conversation's id.
        public let id: String
        /// Its access token, given only now; the store keeps only its hash.
        public let token: String
        /// The first message to show.
        public let welcome: String
        /// The language chosen for it (German when none was).
        public let language: Language
    }

    /// One answered turn.
    public struct Reply: Sendable {
        /// What the assistant answered, and the conversation's state after it.
        public let turn: ChatSession.Turn
        /// Whether a form was open before the turn (for the metrics).
        public let formWasOpen: Bool
    }

    /// The engine in use now (a reload of the catalogue swaps it).
    public var engine: ChatEngine { currentEngine() }
    private let currentEngine: @Sendable () -> ChatEngine
    private let store: ConversationStore
    private let writer: TurnWriter
    private let cache: ConversationCache
    private let turns = TurnQueue()
    /// False on a database that other servers write too (``ConversationStore/isShared``): each
    /// turn then reads the conversation's state from the database, because another server may
    /// have answered the turn before and the cached state would be out of date.
    private let readsCachedState: Bool
    private let retentionDays: Int
    private let today: @Sendable () -> CalendarDate
    private let now: @Sendable () -> TownTime
    /// The language a conversation of a trusted channel starts in, as chosen (`rathaus chat --language`);
    /// nil: detected from the first message.
    private let trustedLanguage: Language?

    /// A service answering with whatever `engine` returns at each turn, keeping conversations in
    /// `store`. Drafts are said to be deleted after `retentionDays`; `today` fixes the date for
    /// relative dates and `now` the clock for opening hours (tests); at most `cacheCapacity` recent
    /// conversations are kept in memory (and read from it only when the store is not shared).
    public init(
        engine: @escaping @Sendable () -> ChatEngine, store: ConversationStore, retentionDays: Int = 30,
        cacheCapacity: Int = 50_000, today: @escaping @Sendable () -> CalendarDate = { CalendarDate.today() },
        now: @escaping @Sendable () -> TownTime = { TownTime.current() }, trustedLanguage: Language? = nil
    ) {
        self.now = now
        self.trustedLanguage = trustedLanguage
        currentEngine = engine
        self.store = store
        writer = TurnWriter(store: store)
        cache = ConversationCache(capacity: cacheCapacity)
        readsCachedState = !store.isShared
        self.retentionDays = retentionDays
        self.today = today
    }

    /// A service over one fixed `engine`.
    public convenience init(
        engine: ChatEngine, store: ConversationStore, retentionDays: Int = 30,
        today: @escaping @Sendable () -> CalendarDate = { CalendarDate.today() },
        now: @escaping @Sendable () -> TownTime = { TownTime.current() }, trustedLanguage: Language? = nil
    ) {
        self.init(engine: { engine }, store: store, retentionDays: retentionDays, today: today, now: now, trustedLanguage: trustedLanguage)
    }

    /// Creates a web conversation with a new token, in `language` when one was chosen (else the
    /// language is detected from the first message).
    public func start(language: Language? = nil) async throws -> NewConversation {
        let snapshot = Self.newSnapshot(id: UUID().uuidString.lowercased(), language: language)
        let token = ConversationTokens.make()
        let tokenHash = ConversationTokens.hash(token)
        try await Blocking.run { [store] in try store.create(snapshot, tokenHash: tokenHash) }
        cache.put(snapshot.id, .init(tokenHash: tokenHash, snapshot: snapshot))
        let welcomeEngine = engine.engine(for: language ?? .german)
        return NewConversation(id: snapshot.id, token: token, welcome: welcomeEngine.webWelcome, language: welcomeEngine.language)
    }

    /// The snapshot of a conversation that starts now, in `language` when one was chosen.
    private static func newSnapshot(id: String, language: Language?) -> ChatSession.Snapshot {
        var snapshot = ChatSession.Snapshot(id: id)
        if let language {
            snapshot.language = language
            snapshot.languageChosen = true
        }
        return snapshot
    }

    /// Answers `utterance` in conversation `id` and stores the turn (or deletes the conversation
    /// when the citizen asked for it). Throws ``ConversationNotFound`` when the access does not
    /// fit or the conversation is gone; a trusted channel's first turn creates it.
    public func reply(to utterance: Utterance, in id: String, access: ConversationAccess) async throws -> Reply {
        try await oneTurnAtATime(id) { hold in try await reply(to: utterance, in: id, access: access, holding: hold) }
    }

    /// ``reply(to:in:access:)`` once the turn is the conversation's only one (`hold` on a shared database).
    private func reply(
        to utterance: Utterance, in id: String, access: ConversationAccess, holding hold: ConversationStore.ConversationHold?
    ) async throws -> Reply {
        let (engine, store, retentionDays, today, now) = (engine, store, retentionDays, today, now)
        let (known, turn, state) = try await Blocking.run { [self] in
            let known = try conversation(id, access: access, holding: hold)
            var session = ChatSession(
                engine: engine, snapshot: known.snapshot, sink: store, retentionDays: retentionDays, today: today, now: now)
            let turn = session.respond(to: utterance)
            return (known, turn, session.snapshot)
        }
        if turn.erasesConversation {
            try await erase(id)
        } else {
            if known.snapshot.dialog != nil, state.dialog == nil {
                // The form was submitted or given up: files sent for it and not submitted go.
                try await Blocking.run { try store.deleteDraftDocuments(conversation: id) }
            }
            do {
                try await record(
                    .init(snapshot: state, citizen: utterance.text, replies: turn.replies, mayCreate: access == .trusted, facts: turn.facts),
                    holding: hold)
            } catch is ConversationStore.ConversationGone {
                cache.remove(id)
                throw ConversationNotFound()
            }
            cache.put(id, .init(tokenHash: known.tokenHash, snapshot: state))
        }
        return Reply(turn: turn, formWasOpen: known.snapshot.dialog != nil)
    }

    /// Takes `content` as the answer to the document field `fieldID` that conversation `id` asks
    /// for now: checks it (type by its first bytes, size), stores it durably with the conversation
    /// and answers the turn. Throws ``ConversationNotFound`` as ``reply(to:in:access:)`` does,
    /// ``DocumentNotAwaited`` when the conversation asks for no such file now, and
    /// ``DocumentFile/Refusal`` for a file of another type or size; nothing is stored then.
    public func attach(document content: Data, to fieldID: String, in id: String, access: ConversationAccess) async throws -> Reply {
        try await oneTurnAtATime(id) { hold in try await attach(document: content, to: fieldID, in: id, access: access, holding: hold) }
    }

    /// ``attach(document:to:in:access:)`` once the turn is the conversation's only one.
    private func attach(
        document content: Data, to fieldID: String, in id: String, access: ConversationAccess,
        holding hold: ConversationStore.ConversationHold?
    ) async throws -> Reply {
        let (engine, store, retentionDays, today, now) = (engine, store, retentionDays, today, now)
        let (known, turn, state, document) = try await Blocking.run { [self] in
            let known = try conversation(id, access: access, mustExist: true, holding: hold)
            var session = ChatSession(
                engine: engine, snapshot: known.snapshot, sink: store, retentionDays: retentionDays, today: today, now: now)
            guard let field = session.awaitedDocument, field.id == fieldID, case .document(let accepted) = field.kind else {
                throw DocumentNotAwaited()
            }
            let mediaType = try DocumentFile.check(content, accepting: accepted).get()
            guard let document = try store.addDraftDocument(conversation: id, field: field, content: content, mediaType: mediaType),
                let turn = session.attach(document)
            else { throw ConversationNotFound() }
            return (known, turn, session.snapshot, document)
        }
        // The transcript tells what was sent, never the file's name.
        let citizen = "[\(document.label): \(document.summary)]"
        do {
            try await record(.init(snapshot: state, citizen: citizen, replies: turn.replies, mayCreate: false, facts: turn.facts), holding: hold)
        } catch is ConversationStore.ConversationGone {
            cache.remove(id)
            throw ConversationNotFound()
        }
        cache.put(id, .init(tokenHash: known.tokenHash, snapshot: state))
        return Reply(turn: turn, formWasOpen: true)
    }

    /// What a rating brought.
    public struct Feedback: Sendable {
        /// The number of the turn rated (1 = the citizen's first message).
        public let turn: Int
        /// The offer of a human, when this was the second answer in a row called not helpful.
        public let offer: ChatSession.Turn?
    }

    /// Stores the citizen's feedback (`helpful` or not) with turn number `turn` of conversation
    /// `id` (1 = the citizen's first message), or with its latest answer when `turn` is nil. The
    /// second „nicht hilfreich“ in a row brings the offer of a human, stored as a turn of its own.
    /// Throws ``ConversationNotFound`` when the access does not fit; nil when there is no such turn
    /// or it answered no question.
    public func feedback(helpful: Bool, turn: Int?, in id: String, access: ConversationAccess) async throws -> Feedback? {
        try await oneTurnAtATime(id) { hold in try await feedback(helpful: helpful, turn: turn, in: id, access: access, holding: hold) }
    }

    /// ``feedback(helpful:turn:in:access:)`` once the turn is the conversation's only one.
    private func feedback(
        helpful: Bool, turn: Int?, in id: String, access: ConversationAccess, holding hold: ConversationStore.ConversationHold?
    ) async throws -> Feedback? {
        let (engine, store, retentionDays, today, now) = (engine, store, retentionDays, today, now)
        let rated = try await Blocking.run { [self] () -> (ConversationCache.Entry, Int, ChatSession.Turn?, ChatSession.Snapshot)? in
            let known = try conversation(id, access: access, mustExist: true, holding: hold)
            guard let stored = try store.recordFeedback(conversation: id, turn: turn, helpful: helpful) else { return nil }
            var session = ChatSession(
                engine: engine, snapshot: stored.snapshot, sink: store, retentionDays: retentionDays, today: today, now: now)
            let offer = session.offerAfterUnhelpfulAnswers()
            return (known, stored.turn, offer, session.snapshot)
        }
        guard let (known, number, offer, state) = rated else { return nil }
        if let offer {
            try await record(
                .init(snapshot: state, citizen: "nicht hilfreich", replies: offer.replies, mayCreate: false, facts: TurnFacts(kind: .feedback)),
                holding: hold)
        }
        cache.put(id, .init(tokenHash: known.tokenHash, snapshot: state))
        return Feedback(turn: number, offer: offer)
    }

    /// The transcript of conversation `id`: speaker ("citizen" or "assistant") and text, in order.
    public func transcript(of id: String, access: ConversationAccess) async throws -> [(speaker: String, text: String)] {
        try await Blocking.run { [self] in
            _ = try conversation(id, access: access, mustExist: true)
            return try store.transcript(id: id)
        }
    }

    /// Deletes conversation `id` with its transcript and draft (the citizen's right to erasure).
    public func erase(_ id: String, access: ConversationAccess) async throws {
        try await checkAccess(to: id, access: access)
        try await erase(id)
    }

    /// Throws ``ConversationNotFound`` unless `access` may use conversation `id` (which must exist).
    public func checkAccess(to id: String, access: ConversationAccess) async throws {
        _ = try await Blocking.run { [self] in try conversation(id, access: access, mustExist: true) }
    }

    /// The question conversation `id` waits for (to repeat it when the conversation is resumed),
    /// nil when it waits for none. Throws ``ConversationNotFound`` when there is no such conversation.
    public func openQuestion(in id: String, access: ConversationAccess) async throws -> String? {
        let known = try await Blocking.run { [self] in try conversation(id, access: access, mustExist: true) }
        return ChatSession(engine: engine, snapshot: known.snapshot, retentionDays: retentionDays, today: today).currentQuestion
    }

    /// Sends `content` as the file the document field asked now in conversation `id` wants; a file
    /// that is refused, or sent when no file is asked, gets a turn with the German reason (nothing
    /// is stored then). Throws ``ConversationNotFound`` as ``reply(to:in:access:)`` does.
    public func send(file content: Data, in id: String, access: ConversationAccess) async throws -> ChatSession.Turn {
        do {
            guard let field = try await awaitedDocument(in: id, access: access) else { throw DocumentNotAwaited() }
            return try await attach(document: content, to: field.id, in: id, access: access).turn
        } catch let refusal as DocumentFile.Refusal {
            return try await unchanged(id, access: access, saying: refusal.message)
        } catch let notAwaited as DocumentNotAwaited {
            return try await unchanged(id, access: access, saying: notAwaited.message)
        }
    }

    /// A turn that says `message` and leaves conversation `id` as it is (not stored).
    private func unchanged(_ id: String, access: ConversationAccess, saying message: String) async throws -> ChatSession.Turn {
        let known = try await Blocking.run { [self] in try conversation(id, access: access, mustExist: true) }
        return ChatSession(engine: engine, snapshot: known.snapshot, retentionDays: retentionDays, today: today).turn(saying: message)
    }

    /// The document field conversation `id` asks for now, nil when it asks for none (or is unknown).
    public func awaitedDocument(in id: String, access: ConversationAccess) async throws -> FormField? {
        let known = try? await Blocking.run { [self] in try conversation(id, access: access, mustExist: true) }
        guard let known else { return nil }
        return ChatSession(engine: engine, snapshot: known.snapshot, retentionDays: retentionDays, today: today).awaitedDocument
    }

    /// The reference numbers of the applications submitted in conversation `id`, oldest first.
    public func submittedReferences(in id: String, access: ConversationAccess) async throws -> [String] {
        try await Blocking.run { [self] in try conversation(id, access: access, mustExist: true).snapshot.submittedReferences ?? [] }
    }

    /// Forgets and deletes conversation `id`.
    private func erase(_ id: String) async throws {
        cache.remove(id)
        try await Blocking.run { [store] in _ = try store.deleteConversation(id: id) }
    }

    /// Runs `body` as conversation `id`'s only turn: after the turns of it that came before, in this
    /// server and, on a shared database, in every other. `body` gets the hold on the conversation
    /// (nil on SQLite) to read its state with; the hold ends when `body` has stored the turn.
    /// Throws ``ConversationBusy`` when another server held the conversation too long.
    private func oneTurnAtATime<Value>(
        _ id: String, _ body: (ConversationStore.ConversationHold?) async throws -> Value
    ) async throws -> Value {
        try await turns.run(id) {
            let hold: ConversationStore.ConversationHold?
            do {
                hold = store.isShared ? try await Blocking.run { [store] in try store.holdConversation(id) } : nil
            } catch is ConversationStore.ConversationBusy {
                throw ConversationBusy()
            }
            defer { hold?.release() }
            return try await body(hold)
        }
    }

    /// Stores `turn` before the turn's answer goes out: on the connection of `hold` on a shared
    /// database (one statement, see ``ConversationStore/record(_:holding:now:)``), else by group
    /// commit with the turns of other conversations.
    private func record(_ turn: ConversationStore.RecordedTurn, holding hold: ConversationStore.ConversationHold?) async throws {
        if let hold {
            try await Blocking.run { [store] in try store.record(turn, holding: hold) }
        } else {
            try await writer.record(turn)
        }
    }

    /// The state of conversation `id` if `access` may use it (blocking: it may read the database,
    /// on the connection of `hold` when given). A trusted channel gets a new conversation for an
    /// unknown id unless `mustExist`.
    private func conversation(
        _ id: String, access: ConversationAccess, mustExist: Bool = false, holding hold: ConversationStore.ConversationHold? = nil
    ) throws -> ConversationCache.Entry {
        switch access {
        case .token(let token):
            guard let token else { throw ConversationNotFound() }
            let tokenHash = ConversationTokens.hash(token)
            if readsCachedState, let entry = cache.entry(id) {
                guard let known = entry.tokenHash, ConversationStore.constantTimeEqual(known, tokenHash) else { throw ConversationNotFound() }
                return entry
            }
            guard let snapshot = try store.snapshot(id: id, tokenHash: tokenHash, holding: hold) else { throw ConversationNotFound() }
            let entry = ConversationCache.Entry(tokenHash: tokenHash, snapshot: snapshot)
            cache.put(id, entry)
            return entry
        case .trusted:
            if readsCachedState, let entry = cache.entry(id) { return entry }
            if let snapshot = try store.snapshot(id: id, holding: hold) { return .init(tokenHash: nil, snapshot: snapshot) }
            guard !mustExist else { throw ConversationNotFound() }
            return .init(tokenHash: nil, snapshot: Self.newSnapshot(id: id, language: trustedLanguage))
        }
    }
}

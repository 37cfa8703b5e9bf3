import Foundation
import RathausCatalog
import RathausDialog
import RathausStore

/// The way back from the departments: stores the steps they report for an application (from
/// their systems through the API, or a clerk's command line) and shows the citizen the timeline.
/// Whoever may see a timeline: the conversation that submitted the application (by its token) or a
/// trusted channel (the clerk's command line).
public final class ProcedureService: Sendable {
    private let currentEngine: @Sendable () -> ChatEngine
    private let store: ConversationStore
    private let today: @Sendable () -> CalendarDate

    /// A service over `store`, naming services and departments from whatever `engine` returns;
    /// `today` is the date days are counted to (tests set it).
    public init(
        engine: @escaping @Sendable () -> ChatEngine, store: ConversationStore,
        today: @escaping @Sendable () -> CalendarDate = { CalendarDate.today() }
    ) {
        currentEngine = engine
        self.store = store
        self.today = today
    }

    /// The department the application `reference` went to, nil when there is none.
    public func department(ofReference reference: String) async throws -> String? {
        try await Blocking.run { [store] in try store.department(ofReference: reference) }
    }

    /// Stores `event` for `reference` (see ``ConversationStore/addEvent(_:reference:webhookID:notice:)``),
    /// with the e-mail to the citizen when they asked for one.
    public func record(_ event: ProcedureEvent, reference: String, webhookID: String?) async throws -> ConversationStore.EventOutcome {
        let (store, catalog) = (store, currentEngine().catalog)
        return try await Blocking.run { try Self.record(event, reference: reference, webhookID: webhookID, store: store, catalog: catalog) }
    }

    /// ``record(_:reference:webhookID:)`` for a caller that may block (the clerk's command line).
    public static func record(
        _ event: ProcedureEvent, reference: String, webhookID: String?, store: ConversationStore, catalog: Catalog
    ) throws -> ConversationStore.EventOutcome {
        try store.addEvent(event, reference: reference, webhookID: webhookID) { formID in
            StatusNotice(
                event: event, reference: reference.uppercased(),
                serviceName: catalog.knowledge[formID]?.name ?? catalog.forms[formID]?.title ?? formID,
                sender: "Ihre Stadtverwaltung \(catalog.town.name)")
        }
    }

    /// The timeline of `reference`. Throws ``ConversationNotFound`` when there is no such
    /// application or `access` is the token of another conversation than the one that submitted it.
    public func timeline(of reference: String, access: ConversationAccess) async throws -> ProcedureTimeline {
        let (store, engine, today) = (store, currentEngine(), today())
        return try await Blocking.run {
            try Self.checkSubmitter(of: reference, access: access, store: store)
            guard let status = try store.status(reference: reference) else { throw ConversationNotFound() }
            return ProcedureTimeline(status: status, catalog: engine.catalog, today: today)
        }
    }

    /// Stores `content` as the requested document `requestedID` of `reference` and queues its
    /// delivery. Throws ``ConversationNotFound`` as ``timeline(of:access:)`` does, and
    /// ``DocumentFile/Refusal`` for a file that is not a PDF, JPEG or PNG of at most 10 MiB
    /// (nothing is stored then).
    public func send(
        document content: Data, as requestedID: String, for reference: String, access: ConversationAccess
    ) async throws
        -> ConversationStore.DocumentOutcome
    {
        let store = store
        return try await Blocking.run {
            try Self.checkSubmitter(of: reference, access: access, store: store)
            let mediaType = try DocumentFile.check(content).get()
            return try store.addDocument(reference: reference, requestedID: requestedID, content: content, mediaType: mediaType)
        }
    }

    /// The documents the department asks for in `reference` and has not received yet.
    public func openRequests(of reference: String, access: ConversationAccess) async throws -> [ProcedureEvent.RequestedDocument] {
        try await Blocking.run { [store] in
            try Self.checkSubmitter(of: reference, access: access, store: store)
            return try store.openRequests(reference: reference)
        }
    }

    /// Returns when `access` may see `reference`; throws ``ConversationNotFound`` otherwise.
    public func checkAccess(to reference: String, access: ConversationAccess) async throws {
        try await Blocking.run { [store] in try Self.checkSubmitter(of: reference, access: access, store: store) }
    }

    /// Returns when `access` may see `reference`: a trusted channel, or the token of the conversation
    /// that submitted it.
    private static func checkSubmitter(of reference: String, access: ConversationAccess, store: ConversationStore) throws {
        guard case .token(let token) = access else { return }
        guard let token, let known = try store.submitterTokenHash(ofReference: reference),
            ConversationStore.constantTimeEqual(known, ConversationTokens.hash(token))
        else { throw ConversationNotFound() }
    }
}

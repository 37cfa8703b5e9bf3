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

    /// Stores `event` for `reference` (see ``ConversationStore/addEvent(_:reference:webhookID:)``).
    public func record(_ event: ProcedureEvent, reference: String, webhookID: String?) async throws -> ConversationStore.EventOutcome {
        try await Blocking.run { [store] in try store.addEvent(event, reference: reference, webhookID: webhookID) }
    }

    /// The timeline of `reference`. Throws ``ConversationNotFound`` when there is no such
    /// application or `access` is the token of another conversation than the one that submitted it.
    public func timeline(of reference: String, access: ConversationAccess) async throws -> ProcedureTimeline {
        let (store, engine, today) = (store, currentEngine(), today())
        return try await Blocking.run {
            if case .token(let token) = access {
                guard let token, let known = try store.submitterTokenHash(ofReference: reference),
                    ConversationStore.constantTimeEqual(known, ConversationTokens.hash(token))
                else { throw ConversationNotFound() }
            }
            guard let status = try store.status(reference: reference) else { throw ConversationNotFound() }
            return ProcedureTimeline(status: status, catalog: engine.catalog, today: today)
        }
    }
}

import Foundation

/// A confirmed application, ready to be stored and forwarded to its department.
public struct SubmittedApplication: Sendable, Hashable {
    /// The application's id, stable across delivery attempts (the webhook id); the same
    /// confirmation sent again has the same id (see `ChatSession`'s submission), so that the store
    /// keeps it once.
    public let id: String
    /// The conversation it was filled in.
    public let conversationID: String
    /// The form (and service) id.
    public let formID: String
    /// The form's schema version.
    public let schemaVersion: Int
    /// The service's name.
    public let serviceName: String
    /// The service's LeiKa key (or `local:…`).
    public let serviceKey: String
    /// The receiving department's id.
    public let departmentID: String
    /// When the citizen confirmed it.
    public let submittedAt: Date
    /// The values of the active fields, in form order, with their types.
    public let data: [Entry]
    /// Whether the citizen agreed to send the conversation's transcript with it (see
    /// ``FormDefinition/transcriptConsentField``); the store then keeps a copy of it with the application.
    public let includesTranscript: Bool
    /// The language the citizen applied in; the values do not depend on it.
    public var language: Language = .german

    /// One field's value.
    public struct Entry: Sendable, Hashable {
        /// The field id.
        public let field: String
        /// The field's type name.
        public let type: String
        /// The value.
        public let value: FieldValue

        /// Creates an entry.
        public init(field: String, type: String, value: FieldValue) {
            self.field = field
            self.type = type
            self.value = value
        }
    }

    /// Creates an application.
    public init(
        id: String = UUID().uuidString.lowercased(), conversationID: String, formID: String, schemaVersion: Int,
        serviceName: String, serviceKey: String, departmentID: String, submittedAt: Date = Date(), data: [Entry],
        includesTranscript: Bool = false
    ) {
        self.includesTranscript = includesTranscript
        self.id = id
        self.conversationID = conversationID
        self.formID = formID
        self.schemaVersion = schemaVersion
        self.serviceName = serviceName
        self.serviceKey = serviceKey
        self.departmentID = departmentID
        self.submittedAt = submittedAt
        self.data = data
    }
}

/// Where confirmed applications go: stores one (with its outbox row) and returns its reference
/// number, e.g. "MS-2026-000042", and tells the state of a stored one. Implemented by the store;
/// the dialog itself does no I/O.
public protocol ApplicationSink: Sendable {
    /// Stores `application` durably and returns its reference number; throws when it could not.
    func submit(_ application: SubmittedApplication) throws -> String
    /// The state of the application with this reference, or nil when there is none.
    func status(reference: String) throws -> ApplicationStatus?
    /// The documents the department asks for and has not received yet (none once the procedure has ended).
    func openRequests(reference: String) throws -> [ProcedureEvent.RequestedDocument]
    /// Records that the citizen wants an e-mail to `address` for each step of the procedure (nil: none).
    @discardableResult func notifyByEmail(reference: String, address: String?) throws -> Bool
}

/// What a citizen may learn about an application: its delivery state and, to prove it is theirs,
/// the postal codes and e-mail addresses entered in it.
public struct ApplicationStatus: Sendable, Hashable {
    /// Where the delivery stands.
    public enum State: String, Sendable, Hashable {
        /// Received, not yet sent.
        case received
        /// Sent to the department.
        case delivered
        /// Sending failed so far and is being retried.
        case retrying
        /// Given up or the department's endpoint is disabled: staff have to act.
        case problem
    }

    /// The reference number.
    public let reference: String
    /// The receiving department's id.
    public let departmentID: String
    /// Where the delivery stands.
    public let state: State
    /// When it was delivered.
    public let deliveredAt: Date?
    /// Postal codes and e-mail addresses entered in the application (lower case).
    public let identifiers: Set<String>
    /// The form (and service) id.
    public let formID: String
    /// When the citizen confirmed it.
    public let submittedAt: Date?
    /// The steps the department reported since, oldest first.
    public let events: [ProcedureEvent]
    /// The documents the department asks for and has not received yet.
    public let openRequests: [ProcedureEvent.RequestedDocument]

    /// Creates a status.
    public init(
        reference: String, departmentID: String, state: State, deliveredAt: Date?, identifiers: Set<String>, formID: String = "",
        submittedAt: Date? = nil, events: [ProcedureEvent] = [], openRequests: [ProcedureEvent.RequestedDocument] = []
    ) {
        self.openRequests = openRequests
        self.reference = reference
        self.departmentID = departmentID
        self.state = state
        self.deliveredAt = deliveredAt
        self.identifiers = identifiers
        self.formID = formID
        self.submittedAt = submittedAt
        self.events = events
    }
}

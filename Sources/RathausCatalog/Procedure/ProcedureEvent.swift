import Foundation

/// One step of an application's procedure, reported by its department after delivery: received,
/// in progress, documents requested, decided, completed or withdrawn.
public struct ProcedureEvent: Sendable, Hashable {
    /// What happened.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The department has the application.
        case received
        /// A clerk works on it.
        case inProgress = "in_progress"
        /// Documents are missing; ``ProcedureEvent/documents`` names them.
        case documentsRequested = "documents_requested"
        /// Granted.
        case approved
        /// Refused.
        case rejected
        /// Closed; nothing follows.
        case completed
        /// Withdrawn by the citizen or closed without a decision; nothing follows.
        case withdrawn

        /// The step as the citizen reads it.
        public var german: String {
            switch self {
            case .received: "Eingegangen bei der Stelle"
            case .inProgress: "In Bearbeitung"
            case .documentsRequested: "Unterlagen nachgefordert"
            case .approved: "Bewilligt"
            case .rejected: "Abgelehnt"
            case .completed: "Abgeschlossen"
            case .withdrawn: "Zurückgezogen"
            }
        }

        /// True for the steps after which nothing may follow.
        public var isFinal: Bool { self == .completed || self == .withdrawn }

        /// True for a decision on the application.
        public var isDecision: Bool { self == .approved || self == .rejected }
    }

    /// A document the department asks for.
    public struct RequestedDocument: Sendable, Hashable, Codable {
        /// The department's id of the document, used when it is sent (`[a-z0-9_-]`, at most 64).
        public let id: String
        /// What the citizen reads ("Foto des Baums").
        public let label: String

        /// Creates a requested document.
        public init(id: String, label: String) {
            self.id = id
            self.label = label
        }
    }

    /// What happened.
    public let kind: Kind
    /// A note for the citizen, if any.
    public let note: String?
    /// The documents asked for (only for ``Kind/documentsRequested``).
    public let documents: [RequestedDocument]
    /// The date by which the department expects the next step, if given.
    public let expectedBy: CalendarDate?
    /// When Rathaus received the event.
    public let receivedAt: Date
    /// Who reported it: `webhook` for a department's system, `clerk` for the command line.
    public let source: String

    /// Creates an event.
    public init(
        kind: Kind, note: String? = nil, documents: [RequestedDocument] = [], expectedBy: CalendarDate? = nil,
        receivedAt: Date = Date(), source: String = "webhook"
    ) {
        self.kind = kind
        self.note = note
        self.documents = documents
        self.expectedBy = expectedBy
        self.receivedAt = receivedAt
        self.source = source
    }
}

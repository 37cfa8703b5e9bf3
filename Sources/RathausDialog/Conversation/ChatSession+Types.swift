import RathausCatalog
import RathausUnderstanding

/// What a conversation answers and remembers: turns, states, the expected answer, the snapshot.
extension ChatSession {
    /// What the assistant replies to one turn.
    public struct Turn: Sendable, Hashable, Codable {
        /// The conversation this turn belongs to.
        public let conversation: String
        /// Reply texts, in order.
        public let replies: [String]
        /// The recognised intent, or nil when the turn was out of scope, empty or part of a form.
        public let intent: String?
        /// `idle`, `form`, `confirm` or `submitted`.
        public let state: State
        /// The form in progress.
        public let form: String?
        /// What the next answer is for, while a form is open.
        public let expecting: Expecting?
        /// The reference number, on the turn the application was submitted.
        public let reference: String?
        /// True when the citizen asked to delete this conversation; the caller deletes what it stored.
        public let erasesConversation: Bool
        /// Next questions offered with one click ("Unterlagen", "Kosten" …), empty when none.
        public let suggestions: [Suggestion]
        /// True when the turn answered a question that the citizen may rate („Hilfreich? Ja / Nein“).
        public let rateable: Bool
        /// What the turn did, for the staff report; not part of the JSON.
        public let facts: TurnFacts
        /// The language the replies are written in (`lang` of the widget's reply).
        public private(set) var language: Language = .german

        /// Creates a turn.
        public init(
            conversation: String, replies: [String], intent: String?, state: State = .idle, form: String? = nil,
            expecting: Expecting? = nil, reference: String? = nil, erasesConversation: Bool = false, suggestions: [Suggestion] = [],
            rateable: Bool = false, facts: TurnFacts = TurnFacts()
        ) {
            self.suggestions = suggestions
            self.rateable = rateable
            self.facts = facts
            self.conversation = conversation
            self.replies = replies
            self.intent = intent
            self.state = state
            self.form = form
            self.expecting = expecting
            self.reference = reference
            self.erasesConversation = erasesConversation
        }

        enum CodingKeys: String, CodingKey {
            case conversation, replies, intent, state, form, expecting, reference, suggestions, rateable, language
        }

        /// The same turn, its replies written in `language`.
        func `in`(_ language: Language) -> Turn {
            var turn = self
            turn.language = language
            return turn
        }

        /// The same turn with other replies.
        func withReplies(_ replies: [String]) -> Turn {
            Turn(
                conversation: conversation, replies: replies, intent: intent, state: state, form: form, expecting: expecting,
                reference: reference, erasesConversation: erasesConversation, suggestions: suggestions, rateable: rateable, facts: facts)
        }

        /// The same turn with `facts` (and rateable when they say so).
        func withFacts(_ facts: TurnFacts) -> Turn {
            Turn(
                conversation: conversation, replies: replies, intent: intent, state: state, form: form, expecting: expecting,
                reference: reference, erasesConversation: erasesConversation, suggestions: suggestions, rateable: facts.isRateable,
                facts: facts)
        }

        /// Reads a turn written by ``encode(to:)``.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                conversation: try container.decode(String.self, forKey: .conversation),
                replies: try container.decode([String].self, forKey: .replies),
                intent: try container.decodeIfPresent(String.self, forKey: .intent),
                state: try container.decode(State.self, forKey: .state),
                form: try container.decodeIfPresent(String.self, forKey: .form),
                expecting: try container.decodeIfPresent(Expecting.self, forKey: .expecting),
                reference: try container.decodeIfPresent(String.self, forKey: .reference),
                suggestions: try container.decodeIfPresent([Suggestion].self, forKey: .suggestions) ?? [],
                rateable: try container.decodeIfPresent(Bool.self, forKey: .rateable) ?? false)
            language = try container.decodeIfPresent(Language.self, forKey: .language) ?? .german
        }

        /// Encodes `conversation`, `replies`, `intent` (null when none), `state` and `language` always,
        /// the others when present (`suggestions` when there are any, `rateable` when true).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(conversation, forKey: .conversation)
            try container.encode(replies, forKey: .replies)
            try container.encode(intent, forKey: .intent)
            try container.encode(state, forKey: .state)
            try container.encodeIfPresent(form, forKey: .form)
            try container.encodeIfPresent(expecting, forKey: .expecting)
            try container.encodeIfPresent(reference, forKey: .reference)
            if !suggestions.isEmpty { try container.encode(suggestions, forKey: .suggestions) }
            if rateable { try container.encode(true, forKey: .rateable) }
            try container.encode(language, forKey: .language)
        }
    }

    /// Where the conversation stands, as `rathaus chat --json` reports it.
    public enum State: String, Sendable, Hashable, Codable {
        case idle, form, confirm, submitted
    }

    /// The answer the engine waits for.
    public struct Expecting: Sendable, Hashable, Codable {
        /// The field id (or `einwilligung`, `absenden`, `abbrechen`, `weitermachen` for the dialog's own questions).
        public let field: String
        /// The field type.
        public let type: String
        /// The option labels of a choice field, else nil.
        public let choices: [String]?

        /// Encodes all three keys; `choices` as null when there are none.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(field, forKey: .field)
            try container.encode(type, forKey: .type)
            try container.encode(choices, forKey: .choices)
        }
    }

    /// What a conversation remembers between turns; stored to continue after a restart.
    public struct Snapshot: Sendable, Hashable, Codable {
        /// The conversation id.
        public var id: String
        /// The service of the previous answer.
        public var currentService: String?
        /// The part the previous answer gave ("und beim Personalausweis?" asks for it again).
        public var currentAspect: Aspect?
        /// The language the conversation is answered in; nil until one is chosen or detected.
        public var language: Language?
        /// True when the citizen or the channel chose ``language`` (detection then leaves it).
        public var languageChosen: Bool?
        /// The two services of a pending "Meinten Sie A oder B?".
        public var pendingChoice: [String]?
        /// The form offered for the previous answer.
        public var offeredForm: String?
        /// Values from the request that led to the offer.
        public var offeredValues: [String: FieldValue]
        /// The application in progress.
        public var dialog: FormDialog?
        /// Reference numbers of the applications submitted in this conversation.
        public var submittedReferences: [String]?
        /// The documents departments asked for that this conversation has been told about
        /// ("MS-2026-000042/foto"), so that each request is announced once.
        public var announcedRequests: [String]?
        /// The offer, just made, to be told of each step of an application by e-mail.
        public var notificationOffer: NotificationOffer?
        /// Messages not understood in a row (nil: none); the third brings the offer of a human.
        public var missedTurns: Int?
        /// How many times in a row the citizen said an answer was not helpful („nicht hilfreich“,
        /// in the chat or with the widget's „Nein“); a „hilfreich“ ends the row (nil). A callback
        /// may be offered from it.
        public var unhelpfulAnswersInARow: Int?

        /// An offer of e-mails about an application's steps.
        public struct NotificationOffer: Sendable, Hashable, Codable {
            /// The application's reference number.
            public var reference: String
            /// The address entered in its form.
            public var address: String
        }
        /// A status question in progress: nil reference while waiting for it, else waiting for
        /// the postal code or e-mail address that proves the application is the citizen's.
        public var statusQuery: StatusQuery?

        /// A question about an application's state.
        public struct StatusQuery: Sendable, Hashable, Codable {
            /// The reference number, once given.
            public var reference: String?
        }

        /// A snapshot of a conversation that has just started.
        public init(
            id: String, currentService: String? = nil, pendingChoice: [String]? = nil, offeredForm: String? = nil,
            offeredValues: [String: FieldValue] = [:], dialog: FormDialog? = nil
        ) {
            self.id = id
            self.currentService = currentService
            self.pendingChoice = pendingChoice
            self.offeredForm = offeredForm
            self.offeredValues = offeredValues
            self.dialog = dialog
        }
    }
}

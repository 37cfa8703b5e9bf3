import Foundation

/// One conversation with a citizen: each turn is matched and answered from the catalogue.
///
/// Remembers only the service of the previous answer, so that a follow-up such as "und was kostet
/// das?" refers to it. Holds no personal data: nothing of what the citizen writes is kept.
public struct ChatSession: Sendable {
    /// What the assistant replies to one turn.
    public struct Turn: Sendable, Hashable, Codable {
        /// The conversation this turn belongs to.
        public let conversation: String
        /// Reply texts, in order.
        public let replies: [String]
        /// The recognised intent, or nil when the turn was out of scope or empty.
        public let intent: String?

        /// Encodes all three keys; a missing intent is written as `null`, as the chat contract says.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(conversation, forKey: .conversation)
            try container.encode(replies, forKey: .replies)
            try container.encode(intent, forKey: .intent)
        }
    }

    /// A random id for this conversation.
    public let id: String
    private let matcher: IntentMatcher
    private let composer: AnswerComposer
    private let catalog: Catalog
    /// The service the previous answer was about.
    public private(set) var currentService: String?
    /// The two services offered in "Meinten Sie A oder B?", until the citizen chooses.
    public private(set) var pendingChoice: [String]?

    /// Starts a conversation over `catalog`, reusing a matcher built for it.
    public init(catalog: Catalog, matcher: IntentMatcher, id: String = UUID().uuidString.lowercased()) {
        self.id = id
        self.catalog = catalog
        self.matcher = matcher
        self.composer = AnswerComposer(catalog: catalog)
    }

    /// The welcome shown when a conversation starts on a terminal, with the privacy note.
    public var welcome: String {
        let town = catalog.fallbackDepartment?.address.city ?? "Ihrer Stadt"
        return """
        Willkommen beim digitalen Assistenten der Stadt \(town).
        Stellen Sie Ihre Frage in eigenen Worten, z. B. „Was kostet ein Reisepass?“.
        Datenschutz: Das Gespräch ist anonym. Es wird nichts über dieses Gespräch hinaus gespeichert.
        Beenden mit „tschüss“ oder Strg+D.
        """
    }

    /// Answers one turn. A question about costs, documents, duration, deadlines, place or the online
    /// service gets that part first; a follow-up without a service of its own refers to the previous one.
    public mutating func respond(to text: String) -> Turn {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            return Turn(conversation: id, replies: ["Bitte schreiben Sie Ihre Frage."], intent: nil)
        }
        if let choices = pendingChoice {
            pendingChoice = nil
            if let chosen = resolve(trimmed, among: choices) {
                currentService = chosen
                return Turn(conversation: id, replies: [composer.answer(for: chosen)], intent: chosen)
            }
        }
        let (aspect, isFollowUp) = Aspect.read(trimmed)
        if let aspect, isFollowUp {
            guard let service = currentService else {
                let question = "Zu welcher Leistung ist Ihre Frage? Nennen Sie sie bitte, z. B. „Was kostet ein Reisepass?“."
                return Turn(conversation: id, replies: [question], intent: nil)
            }
            return Turn(conversation: id, replies: [composer.answer(for: service, aspect: aspect)], intent: service)
        }
        let match = matcher.match(trimmed)
        guard let intent = match.intent else {
            return Turn(conversation: id, replies: [composer.outOfScopeAnswer()], intent: nil)
        }
        if let runnerUp = match.closeRunnerUp(),
           let first = catalog.knowledge[intent], let second = catalog.knowledge[runnerUp.intent] {
            pendingChoice = [first.id, second.id]
            let question = "Meinten Sie „\(first.name)“ oder „\(second.name)“?\n1. \(first.name)\n2. \(second.name)"
            return Turn(conversation: id, replies: [question], intent: nil)
        }
        if catalog.knowledge[intent] != nil { currentService = intent }
        return Turn(conversation: id, replies: [composer.answer(for: intent, aspect: aspect)], intent: intent)
    }

    /// Which of the offered services the citizen chose: by number ("1", "die erste"), by name, or
    /// by a paraphrase that scores one of them higher; nil when the answer is about something else.
    private func resolve(_ text: String, among choices: [String]) -> String? {
        let words = TextNormalizer.tokens(text)
        let ordinals: [[String]] = [["1", "eins", "erste", "ersten", "erstes"], ["2", "zwei", "zweite", "zweiten", "zweites"]]
        for (index, names) in ordinals.enumerated() where index < choices.count && words.contains(where: names.contains) {
            return choices[index]
        }
        let ranked = matcher.rank(text).filter { choices.contains($0.intent) }
        guard let best = ranked.first, best.confidence >= matcher.threshold * 0.5 else { return nil }
        return best.intent
    }

    /// True when the intent ends the conversation (a goodbye).
    public static func isFarewell(_ intent: String?) -> Bool {
        intent == "verabschiedung"
    }
}

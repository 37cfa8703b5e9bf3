import RathausCatalog
import RathausUnderstanding

/// „hilfreich“ / „nicht hilfreich“: the citizen's feedback on the previous answer, typed in the chat
/// (the widget's buttons send it through the API instead). It is stored with the answer it is about;
/// the conversation counts the „nicht hilfreich“ in a row.
extension ChatSession {
    /// Most words of a message that is read as feedback („das war leider nicht hilfreich“).
    static let feedbackWordLimit = 5

    /// True for „hilfreich“ („helpful“), false for „nicht hilfreich“ („not helpful“), nil when the
    /// message is no feedback: it has at most ``feedbackWordLimit`` words, one of them
    /// „hilfreich…“ or „helpful“, and no question mark; a „nicht“, „kaum“, „wenig“, „keine“,
    /// „unhilfreich“, „not“ or „unhelpful“ makes it negative.
    static func feedback(in utterance: Utterance) -> Bool? {
        let words = utterance.words
        guard words.count <= feedbackWordLimit, !utterance.hasQuestionMark,
            words.contains(where: { ["hilfreich", "unhilfreich", "helpful", "unhelpful"].contains(where: $0.hasPrefix) })
        else { return nil }
        let negated = words.contains {
            ["nicht", "nich", "net", "kaum", "wenig", "keine", "keineswegs", "not", "unhelpful", "t"].contains($0) || $0.hasPrefix("unhilfreich")
        }
        return !negated
    }

    /// „Nicht hilfreich“ this many times in a row brings the offer of a human.
    public static let unhelpfulAnswersBeforeHumanHelp = 2

    /// The offer of a human once the citizen called ``unhelpfulAnswersBeforeHumanHelp`` answers in a
    /// row not helpful (the count starts again), else nil.
    public mutating func offerAfterUnhelpfulAnswers() -> Turn? {
        guard (snapshot.unhelpfulAnswersInARow ?? 0) >= Self.unhelpfulAnswersBeforeHumanHelp else { return nil }
        snapshot.unhelpfulAnswersInARow = nil
        return offerHumanHelp(because: .notHelpful)
    }

    /// The reply to feedback; counts a „nicht hilfreich“ in ``Snapshot/unhelpfulAnswersInARow``.
    mutating func feedbackTurn(helpful: Bool) -> Turn {
        facts.kind = .feedback
        facts.feedback = helpful
        guard !helpful else {
            snapshot.unhelpfulAnswersInARow = nil
            return Turn(conversation: id, replies: [catalog.text(.feedbackThanks)], intent: nil).in(language)
        }
        snapshot.unhelpfulAnswersInARow = (snapshot.unhelpfulAnswersInARow ?? 0) + 1
        if let offer = offerAfterUnhelpfulAnswers() { return offer }
        let reply =
            catalog.fallbackDepartment.map {
                catalog.text(.feedbackSorryContact, ["department": $0.name, "phone": $0.phone, "email": $0.email])
            } ?? catalog.text(.feedbackSorry)
        return Turn(conversation: id, replies: [reply], intent: nil).in(language)
    }
}

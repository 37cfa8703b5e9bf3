import RathausUnderstanding

/// The answer to a single question, in the shape `rathaus ask --json` prints:
/// `{"intent": ID or null, "confidence": NUMBER, "alternatives": [...], "answer": TEXT}`.
public struct AskResponse: Sendable, Hashable, Codable {
    /// The recognised intent, or nil when out of scope.
    public let intent: String?
    /// Score of the best intent, 0 to 1.
    public let confidence: Double
    /// The next best intents.
    public let alternatives: [IntentMatch.Candidate]
    /// The answer text.
    public let answer: String

    /// Matches `text` and composes the answer.
    public init(question text: String, matcher: IntentMatcher, composer: AnswerComposer) {
        let utterance = Utterance(text)
        let match = matcher.match(utterance)
        intent = match.intent
        confidence = (match.confidence * 1000).rounded() / 1000
        alternatives = match.alternatives.map {
            IntentMatch.Candidate(intent: $0.intent, confidence: ($0.confidence * 1000).rounded() / 1000)
        }
        answer = match.intent.map { composer.answer(for: $0, aspect: Aspect.read(utterance).aspect) } ?? composer.outOfScopeAnswer()
    }

    /// Encodes every key; a missing intent is written as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(intent, forKey: .intent)
        try container.encode(confidence, forKey: .confidence)
        try container.encode(alternatives, forKey: .alternatives)
        try container.encode(answer, forKey: .answer)
    }
}

/// What the matcher understood from one utterance.
public struct IntentMatch: Sendable, Hashable, Codable {
    /// One intent with its score.
    public struct Candidate: Sendable, Hashable, Codable {
        /// The intent id.
        public let intent: String
        /// Similarity between 0 and 1.
        public let confidence: Double

        /// Creates a candidate.
        public init(intent: String, confidence: Double) {
            self.intent = intent
            self.confidence = confidence
        }
    }

    /// The recognised intent, or nil when the utterance is out of scope.
    public let intent: String?
    /// Score of the best intent (also when it fell below the threshold).
    public let confidence: Double
    /// The next best intents above the alternative threshold, best first.
    public let alternatives: [Candidate]

    /// The runner-up when it is within `margin` of the recognised intent, so close that the citizen
    /// should be asked which one is meant; nil when the best intent is clear or out of scope.
    public func closeRunnerUp(margin: Double = IntentMatcher.clarificationMargin) -> Candidate? {
        guard intent != nil, let second = alternatives.first, confidence - second.confidence < margin else { return nil }
        return second
    }

    /// Creates a match.
    public init(intent: String?, confidence: Double, alternatives: [Candidate]) {
        self.intent = intent
        self.confidence = confidence
        self.alternatives = alternatives
    }
}

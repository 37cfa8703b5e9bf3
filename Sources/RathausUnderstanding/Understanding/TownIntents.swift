import RathausCatalog

/// What a town adds to a shared matcher (see ``IntentMatcher/init(town:sharing:of:)``): its own
/// intents, indexed on their own, and its own synonyms, which widen a message before it is matched.
///
/// The shared matcher, fitted once on the shared examples, stays as it is; a town's few own
/// intents are scored by similarity in a small index of their own, with the shared analyzer, and
/// win over the shared answer when they resemble the message more and at least as much as the
/// shared threshold. Their index weighs words by the town's own examples alone, so its scores
/// lean a little high; `rathaus-bench --scenario towns` measures what that costs.
struct TownIntents: Sendable {
    /// The town's own intents' ids; the classes of ``index``.
    let intentIDs: [String]
    /// The similarity index over the own intents' examples.
    let index: SimilarityIndex?
    /// The town's own synonyms, folded: a word and the words it adds.
    let synonyms: [String: [String]]

    /// The own intents of `town` (those `sharedIDs` lacks) and the synonyms it has beyond `shared`'s.
    init(town: Catalog, shared: Catalog, sharedIDs: Set<String>, analyzer: TextAnalyzer) {
        var synonyms: [String: [String]] = [:]
        for (word, meanings) in town.synonyms where shared.synonyms[word] != meanings {
            for key in TextNormalizer.tokens(word) {
                synonyms[key, default: []] += meanings.flatMap(TextNormalizer.tokens)
            }
        }
        self.synonyms = synonyms
        let own = town.intents.filter { !sharedIDs.contains($0.id) }
        intentIDs = own.map(\.id)
        var documents: [SimilarityIndex.Document] = []
        for (classIndex, intent) in own.enumerated() {
            let entry = town.knowledge[intent.id]
            for phrase in intent.examples + (entry.map { [$0.name] + $0.synonyms } ?? []) {
                let features = analyzer.featureList(of: Utterance(phrase))
                if !features.isEmpty { documents.append((classIndex: classIndex, features: features)) }
            }
        }
        index = documents.isEmpty ? nil : SimilarityIndex(documents: documents, classCount: own.count, unscored: [.functionWord, .wordPair])
    }

    /// True when the town adds nothing: the shared matcher alone answers for it.
    var isEmpty: Bool { index == nil && synonyms.isEmpty }

    /// `utterance` with the words the town's synonyms add to it, or itself when none applies.
    func widened(_ utterance: Utterance) -> Utterance {
        let added = utterance.words.flatMap { synonyms[$0] ?? [] }
        return added.isEmpty ? utterance : Utterance(utterance.text + " " + added.joined(separator: " "))
    }

    /// The own intents with a similarity above zero to `features`, most similar first.
    func ranked(_ features: [(Feature, Double)]) -> [IntentMatch.Candidate] {
        guard let index else { return [] }
        let scores = index.scores(index.vector(features))
        return intentIDs.indices.map { IntentMatch.Candidate(intent: intentIDs[$0], confidence: min(1, scores.combined($0))) }
            .filter { $0.confidence > 0 }.sorted { $0.confidence > $1.confidence }
    }
}

import Foundation
import RathausCatalog

/// Recognises the intent of an utterance.
///
/// The text pipeline (``TextAnalyzer``) turns it into features. A ``SimilarityIndex`` over the
/// intents' examples measures how much the message resembles each intent, and a
/// ``LinearIntentModel`` fitted at load time on the same examples, with the out-of-scope examples
/// as one more class, decides between the intents and "out of scope". A message is out of scope
/// when the linear model says so, or when it resembles no intent at least as much as the
/// calibrated threshold, or when the intent the model chose resembles it less than that.
/// Catalogues too large for the linear model (see ``LinearIntentModel/fits(featureCount:classCount:)``)
/// are matched by similarity alone, with the out-of-scope class of the index in the model's place.
///
/// A class, although immutable: every conversation holds the one matcher, and copying a reference
/// costs one reference count where copying a struct of arrays costs one per array, each of them a
/// counter that the server's threads write in turn.
public final class IntentMatcher: Sendable {
    /// Two intents whose scores are closer than this are offered as a choice ("Meinten Sie A oder B?").
    public static let clarificationMargin = 0.03

    /// Fewest features a catalogue word is taken to give, to tell before indexing whether the
    /// linear model will be fitted.
    static let featuresPerWord = 4

    /// Share of in-scope examples that calibration may reject when left out.
    public static let calibrationFalseRejection = 0.05

    /// At most this many examples are left out in turn for calibration, evenly spread, so that
    /// large catalogues stay quick to load.
    static let calibrationSampleLimit = 1000

    /// Every this many examples one is held out of a trial fit of the linear model, to see how
    /// many unseen in-scope examples it calls out of scope.
    static let holdOutStride = 5

    /// Similarity below which a message counts as out of scope.
    public let threshold: Double
    /// The text pipeline built from this catalogue's vocabulary.
    public let analyzer: TextAnalyzer
    /// True when the linear model decides (false: similarity alone, for very large catalogues).
    public var usesLinearModel: Bool { model != nil }
    private let index: SimilarityIndex
    private let model: LinearIntentModel?
    /// The intent ids; the last class of index and model, one past them, is "out of scope".
    private let intentIDs: [String]
    /// Keywords that refer a message to another authority before any scoring.
    private let referralKeywords: ReferralKeywords
    /// What a town adds to the shared matcher it was built over; nil for a catalogue's own matcher.
    private let town: TownIntents?

    /// Builds the index and fits the model from every intent's examples and, for services, the
    /// name and synonyms, plus the out-of-scope examples; then calibrates the threshold.
    ///
    /// Calibration: a trial model fitted without every fifth example tells what share of those
    /// unseen in-scope examples it calls out of scope; each example is then left out of the index
    /// in turn, and the threshold is set so that, together, 5 % of unseen in-scope examples would
    /// be rejected (``calibrationFalseRejection``). A given `threshold` replaces the calibrated one.
    /// Throws only when libstemmer lacks the language's stemmer.
    /// The catalogue's language decides the rules (``LanguageRules/of(_:)``): a catalogue
    /// ``Catalog/localized(to:)`` English is matched with English examples, stemmer and stop words.
    public convenience init(catalog: Catalog, threshold: Double? = nil) throws(SnowballStemmer.CreationError) {
        let rules = LanguageRules.of(catalog.language)
        self.init(catalog: catalog, threshold: threshold, rules: rules, stemmer: try SnowballStemmer(algorithm: rules.stemmerAlgorithm))
    }

    /// Builds the matcher with the language's stemmer already created (see ``init(catalog:threshold:)``).
    private init(catalog: Catalog, threshold: Double?, rules: LanguageRules, stemmer: SnowballStemmer) {
        let intentIDs = catalog.intents.map(\.id)
        let outOfScope = intentIDs.count
        var texts: [(classIndex: Int, text: String)] = []
        for (index, intent) in catalog.intents.enumerated() {
            let entry = catalog.knowledge[intent.id]
            let phrases = intent.examples + (entry.map { [$0.name] + $0.synonyms } ?? [])
            texts += phrases.map { (index, $0) }
        }
        texts += catalog.outOfScopeExamples.map { (outOfScope, $0) }
        let classCount = intentIDs.count + 1
        let fullAnalyzer = TextAnalyzer(
            texts: texts.map(\.text), synonyms: Self.foldedSynonyms(catalog.synonyms), rules: rules, stemmer: stemmer)
        // Word pairs serve the linear model only; a catalogue too large for the model is spared
        // building them. A word gives its stem and several letter n-grams of its own, so the
        // features are taken to be at least four per word.
        let analyzer =
            LinearIntentModel.fits(featureCount: Self.featuresPerWord * fullAnalyzer.vocabularySize, classCount: classCount)
            ? fullAnalyzer : fullAnalyzer.withoutWordPairs()
        let documents: [SimilarityIndex.Document] = ParallelWork.map(texts) { classIndex, text in
            (classIndex: classIndex, features: analyzer.featureList(of: text))
        }.filter { !$0.features.isEmpty }
        let (index, vectors) = SimilarityIndex.indexing(documents, classCount: classCount, unscored: [.functionWord, .wordPair])
        let examples: [LinearIntentModel.Example] = zip(vectors, documents).map { ($0, $1.classIndex) }
        let fitsModel = LinearIntentModel.fits(featureCount: index.featureCount, classCount: classCount)
        let hasOutOfScopeExamples = examples.contains { $0.classIndex == outOfScope }
        // The threshold is set for the town's own intents: referrals to other authorities are
        // recognised by the same model but do not lower the bar for the town's answers.
        let calibrates = intentIDs.map { !catalog.isReferral($0) } + [false]
        // Independent work, spread over the cores: the model, the trial model, and the left-out
        // matching of calibration in parts.
        let calibrationParts = threshold == nil ? 4 : 0
        let fitModel = 0, fitTrial = 1
        let results = ParallelWork.map(count: 2 + calibrationParts) { part -> CalibrationPart in
            switch part {
            case fitModel:
                return .model(fitsModel ? LinearIntentModel(examples: examples, featureCount: index.featureCount, classCount: classCount) : nil)
            case fitTrial:
                let rejection =
                    threshold == nil && fitsModel && hasOutOfScopeExamples
                    ? Self.trialRejection(examples, featureCount: index.featureCount, outOfScope: outOfScope, calibrates: calibrates) : 0
                return .trialRejection(rejection)
            default:
                return .similarities(
                    Self.leftOutSimilarities(
                        index, examples, outOfScope: outOfScope, calibrates: calibrates, withModel: fitsModel,
                        part: part - 2, of: calibrationParts))
            }
        }
        var model: LinearIntentModel?, rejection = 0.0, similarities: [Double] = []
        for result in results {
            switch result {
            case .model(let fitted): model = fitted
            case .trialRejection(let share): rejection = share
            case .similarities(let part): similarities += part
            }
        }
        self.analyzer = analyzer
        self.index = index
        self.model = model
        self.intentIDs = intentIDs
        self.referralKeywords = ReferralKeywords(catalog: catalog)
        self.threshold = threshold ?? Self.threshold(similarities.sorted(), besides: rejection)
        self.town = nil
    }

    /// A town's matcher over `shared`, the matcher fitted once for the shared catalogue
    /// `sharedCatalog` that the town's `catalog` builds on: the shared index, model and threshold
    /// are reused as they are (their arrays are not copied), and the town's own intents and
    /// synonyms are added (see ``TownIntents``). Quick: nothing is fitted.
    public init(town catalog: Catalog, sharing shared: IntentMatcher, of sharedCatalog: Catalog) {
        threshold = shared.threshold
        analyzer = shared.analyzer
        index = shared.index
        model = shared.model
        intentIDs = shared.intentIDs
        referralKeywords = shared.referralKeywords
        let town = TownIntents(town: catalog, shared: sharedCatalog, sharedIDs: Set(shared.intentIDs), analyzer: shared.analyzer)
        self.town = town.isEmpty ? nil : town
    }

    /// True when a town adds intents or synonyms of its own to the shared matcher this one reuses.
    public var addsTownIntents: Bool { town != nil }

    /// Recognises the intent of `text`, analysed as an ``Utterance`` (trimmed, at most
    /// ``Utterance/maximumLength`` characters); see the overload that takes an utterance.
    public func match(_ text: String) -> IntentMatch {
        match(Utterance(text))
    }

    /// Recognises the intent of `utterance`, or none when it is out of scope; `confidence` is always
    /// the similarity of the intent given (the best one even when rejected).
    public func match(_ utterance: Utterance) -> IntentMatch {
        let utterance = town?.widened(utterance) ?? utterance
        if let referral = referralKeywords.referral(in: utterance.words) {
            return IntentMatch(intent: referral, confidence: 1, alternatives: [])
        }
        let features = analyzer.featureList(of: utterance)
        let shared = sharedMatch(features)
        // A town's own intent wins when it resembles the message more than the shared answer does.
        guard let own = town?.ranked(features).first, own.confidence >= threshold, own.confidence > shared.confidence else { return shared }
        let runnerUp = shared.intent.map { [IntentMatch.Candidate(intent: $0, confidence: shared.confidence)] } ?? []
        let alternatives = (runnerUp + shared.alternatives).filter { $0.confidence >= threshold * 0.75 }.prefix(3)
        return IntentMatch(intent: own.intent, confidence: own.confidence, alternatives: Array(alternatives))
    }

    /// The shared catalogue's answer for `features`: the intent the model or the similarity names, or none.
    private func sharedMatch(_ features: [(Feature, Double)]) -> IntentMatch {
        let vector = index.vector(features)
        let scores = index.scores(vector)
        var ranked = Self.ranked(scores, ids: intentIDs, limit: 4)
        guard let mostSimilar = ranked.first else { return IntentMatch(intent: nil, confidence: 0, alternatives: []) }
        // Whether the decider names an intent: the model, or without it the similarity, against
        // the out-of-scope class.
        let namesIntent: Bool
        if let model {
            let decision = model.best(vector)
            namesIntent = decision != intentIDs.count
            if namesIntent, mostSimilar.confidence >= threshold, intentIDs[decision] != mostSimilar.intent {
                // The model's choice leads; the most similar intent stays as the first alternative.
                ranked.removeAll { $0.intent == intentIDs[decision] }
                ranked.insert(IntentMatch.Candidate(intent: intentIDs[decision], confidence: min(1, scores.combined(decision))), at: 0)
            }
        } else {
            namesIntent = mostSimilar.confidence > scores.combined(intentIDs.count)
        }
        // The intent given must itself resemble the message at least as much as the threshold.
        let best = ranked[0]
        let accepted = namesIntent && best.confidence >= threshold
        let alternativeFloor = threshold * 0.75
        let alternatives = ranked.dropFirst().prefix(3).filter { $0.confidence >= alternativeFloor }
        return IntentMatch(intent: accepted ? best.intent : nil, confidence: best.confidence, alternatives: Array(alternatives))
    }

    /// All intents with a similarity above zero, most similar first, for `text` analysed as an ``Utterance``.
    public func rank(_ text: String) -> [IntentMatch.Candidate] {
        rank(Utterance(text))
    }

    /// All intents with a similarity above zero to `utterance`, most similar first.
    public func rank(_ utterance: Utterance) -> [IntentMatch.Candidate] {
        let utterance = town?.widened(utterance) ?? utterance
        let features = analyzer.featureList(of: utterance)
        let shared = Self.ranked(index.scores(index.vector(features)), ids: intentIDs, limit: intentIDs.count)
        guard let town else { return shared }
        return (shared + town.ranked(features)).sorted { $0.confidence > $1.confidence }
    }

    /// What one piece of the work at load time gives.
    private enum CalibrationPart: Sendable {
        case model(LinearIntentModel?)
        case trialRejection(Double)
        case similarities([Double])
    }

    /// The share of held-out in-scope examples that a trial model, fitted without every
    /// ``holdOutStride``-th example, calls out of scope.
    private static func trialRejection(
        _ examples: [LinearIntentModel.Example], featureCount: Int, outOfScope: Int, calibrates: [Bool]
    ) -> Double {
        let isHeldOut = { (number: Int) in number % holdOutStride == 0 }
        let trial = LinearIntentModel(
            examples: examples.indices.filter { !isHeldOut($0) }.map { examples[$0] },
            featureCount: featureCount, classCount: outOfScope + 1)
        let unseen = examples.indices.filter { isHeldOut($0) && calibrates[examples[$0].classIndex] }
        let rejected = unseen.filter { trial.best(examples[$0].vector) == outOfScope }.count
        return Double(rejected) / Double(max(1, unseen.count))
    }

    /// The similarity of left-out in-scope examples (one `part` of `parts`) to their most similar
    /// intent; without the model, 0 when the out-of-scope class is at least as similar (rejected
    /// at any threshold).
    private static func leftOutSimilarities(
        _ index: SimilarityIndex, _ examples: [LinearIntentModel.Example], outOfScope: Int, calibrates: [Bool],
        withModel: Bool, part: Int, of parts: Int
    ) -> [Double] {
        let stride = max(1, examples.count / calibrationSampleLimit)
        let samples = Array(Swift.stride(from: 0, to: examples.count, by: stride))
        let share = (samples.count + parts - 1) / parts
        return samples.dropFirst(part * share).prefix(share)
            .filter { calibrates[examples[$0].classIndex] }
            .map { number -> Double in
                let scores = index.scores(examples[number].vector, excludingDocument: number)
                let best = (0..<outOfScope).map(scores.combined).max() ?? 0
                return withModel || best > scores.combined(outOfScope) ? best : 0
            }
    }

    /// The similarity below which `calibrationFalseRejection` of unseen in-scope examples fall,
    /// less the share the model rejects already.
    private static func threshold(_ sortedSimilarities: [Double], besides modelRejection: Double) -> Double {
        guard !sortedSimilarities.isEmpty else { return 0 }
        let share = max(0, calibrationFalseRejection - modelRejection)
        return sortedSimilarities[min(sortedSimilarities.count - 1, Int(Double(sortedSimilarities.count) * share))]
    }

    /// The `limit` intents with the highest scores above zero, best first (ties in catalogue order),
    /// by insertion into a short sorted list.
    private static func ranked(_ scores: SimilarityIndex.ClassScores, ids intentIDs: [String], limit: Int) -> [IntentMatch.Candidate] {
        var top: [(offset: Int, score: Double)] = []
        for offset in intentIDs.indices {
            let score = scores.combined(offset)
            guard score > 0, top.count < limit || score > top[top.count - 1].score else { continue }
            let position = top.firstIndex { score > $0.score } ?? top.count
            top.insert((offset, score), at: position)
            if top.count > limit { top.removeLast() }
        }
        return top.map { IntentMatch.Candidate(intent: intentIDs[$0.offset], confidence: min(1, $0.score)) }
    }

    /// Synonyms with folded keys and values, each value split into words.
    private static func foldedSynonyms(_ synonyms: [String: [String]]) -> [String: [String]] {
        var folded: [String: [String]] = [:]
        for (word, meanings) in synonyms {
            for key in TextNormalizer.tokens(word) {
                folded[key, default: []] += meanings.flatMap(TextNormalizer.tokens)
            }
        }
        return folded
    }
}

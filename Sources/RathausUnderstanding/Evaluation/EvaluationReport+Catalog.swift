import RathausCatalog

extension EvaluationReport {
    /// Evaluates `matcher` (trained on `catalog`) on `set`, as `rathaus eval` does. A referral to
    /// another authority is out of scope for the town: in a set of the town's questions it counts as
    /// a rejection; a set whose lines name referrals compares them as they are.
    public static func evaluate(_ set: EvaluationSet, catalog: Catalog, matcher: IntentMatcher) -> EvaluationReport {
        let setNamesReferrals = set.examples.contains { $0.intent.map(catalog.isReferral) ?? false }
        return evaluate(set) { text in
            matcher.match(text).intent.flatMap { setNamesReferrals || !catalog.isReferral($0) ? $0 : nil }
        }
    }
}

extension EvaluationReport {
    /// Evaluates a set whose lines name their language: each line is matched by the matcher of its
    /// language (`matchers`, built on the catalogue localized to it), the figures are given for
    /// all lines and per language, and `detector` is scored on telling the languages apart.
    public static func evaluate(
        _ set: EvaluationSet, catalog: Catalog, matchers: [Language: IntentMatcher], detector: LanguageDetector
    ) -> EvaluationReport {
        let setNamesReferrals = set.examples.contains { $0.intent.map(catalog.isReferral) ?? false }
        let languages = Dictionary(uniqueKeysWithValues: set.examples.map { ($0.line, $0.language ?? .german) })
        let lineOfText = Dictionary(set.examples.map { ($0.text, $0.line) }, uniquingKeysWith: { first, _ in first })
        let classify = { (text: String, language: Language) -> String? in
            let matcher = matchers[language.isGerman ? .german : language] ?? matchers[.german]!
            return matcher.match(text).intent.flatMap { setNamesReferrals || !catalog.isReferral($0) ? $0 : nil }
        }
        var report = evaluate(set) { text in classify(text, lineOfText[text].flatMap { languages[$0] } ?? .german) }
        var perLanguage: [String: EvaluationReport] = [:]
        for language in set.languages {
            var figures = evaluate(set.lines(in: language)) { classify($0, language) }
            figures.predictions = nil
            perLanguage[language.rawValue] = figures
        }
        report.perLanguage = perLanguage
        let labelled = set.examples.filter { $0.language != nil }
        let wrong = labelled.filter { example in
            let detected = detector.detect(Utterance(example.text))?.language ?? .german
            return detected.isGerman != example.language!.isGerman
        }
        report.languageDetection = LanguageDetectionFigures(
            total: labelled.count, correct: labelled.count - wrong.count, wrongLines: wrong.map(\.line))
        return report
    }
}

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

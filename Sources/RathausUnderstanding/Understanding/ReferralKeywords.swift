import RathausCatalog

/// The keywords of the catalogue's referrals (`stichwoerter:`): a message that holds one is about
/// another authority's matter ("Kindergeld", "Kfz-Steuer"), whatever town service it also names.
struct ReferralKeywords: Sendable {
    /// A single keyword of at least this many letters also matches the beginning of a longer word
    /// ("kindergeld" in "kindergeldnummer"); shorter ones ("gez") match whole words only.
    static let shortestPrefix = 6

    /// Each keyword as folded words, with the intent id of its referral, in catalogue order.
    private let keywords: [(words: [String], intent: String)]

    /// The keywords of `catalog`'s referrals.
    init(catalog: Catalog) {
        keywords = catalog.referrals.values.sorted { $0.id < $1.id }.flatMap { referral in
            referral.keywords.map { (TextNormalizer.tokens($0), referral.intentID) }.filter { !$0.0.isEmpty }
        }
    }

    /// The referral whose keyword `words` hold, if any.
    func referral(in words: [String]) -> String? {
        for keyword in keywords where keyword.words.count <= words.count {
            for start in 0...(words.count - keyword.words.count) where matches(keyword.words, at: start, in: words) {
                return keyword.intent
            }
        }
        return nil
    }

    private func matches(_ keyword: [String], at start: Int, in words: [String]) -> Bool {
        keyword.indices.allSatisfy { offset in
            let word = words[start + offset], part = keyword[offset]
            let isLast = offset == keyword.count - 1
            return word == part || (isLast && part.count >= Self.shortestPrefix && word.hasPrefix(part))
        }
    }
}

import RathausCatalog

/// The keywords of the catalogue's referrals (`stichwoerter:`): a message that holds one is about
/// another authority's matter ("Kindergeld", "Kfz-Steuer"), whatever town service it also names.
struct ReferralKeywords: Sendable {
    /// A single keyword of at least this many letters also matches the beginning of a longer word
    /// ("kindergeld" in "kindergeldnummer"); shorter ones ("gez") match whole words only.
    static let shortestPrefix = 6

    /// Each keyword as folded words with the intent id of its referral, by its first word.
    private let keywordsByFirstWord: [String: [(words: [String], intent: String)]]
    /// Keywords of one word long enough to match the beginning of a longer word, with their
    /// referral, by their first ``shortestPrefix`` letters: a word is compared only with those that
    /// begin as it does.
    private let prefixes: [String: [(keyword: String, intent: String)]]

    /// The keywords of `catalog`'s referrals.
    init(catalog: Catalog) {
        let keywords = catalog.referrals.values.sorted { $0.id < $1.id }.flatMap { referral in
            referral.keywords.map { (words: TextNormalizer.tokens($0), intent: referral.intentID) }.filter { !$0.words.isEmpty }
        }
        keywordsByFirstWord = Dictionary(grouping: keywords, by: { $0.words[0] })
        let long = keywords.filter { $0.words.count == 1 && $0.words[0].count >= Self.shortestPrefix }
        prefixes = Dictionary(
            grouping: long.map { (keyword: $0.words[0], intent: $0.intent) }, by: { String($0.keyword.prefix(Self.shortestPrefix)) })
    }

    /// The referral whose keyword `words` hold, if any (the first in the message).
    func referral(in words: [String]) -> String? {
        for start in words.indices {
            for keyword in keywordsByFirstWord[words[start]] ?? [] where start + keyword.words.count <= words.count {
                let rest = keyword.words.indices.dropFirst()
                if rest.allSatisfy({ offset in matches(words[start + offset], keyword.words[offset], isLast: offset == keyword.words.count - 1) }) {
                    return keyword.intent
                }
            }
            if let intent = referral(beginning: words[start]) { return intent }
        }
        return nil
    }

    /// The referral of a long keyword that begins `word` ("kindergeld" in "kindergeldnummer").
    private func referral(beginning word: String) -> String? {
        guard word.count > Self.shortestPrefix, let candidates = prefixes[String(word.prefix(Self.shortestPrefix))] else { return nil }
        return candidates.first { word.hasPrefix($0.keyword) }?.intent
    }

    private func matches(_ word: String, _ part: String, isLast: Bool) -> Bool {
        word == part || (isLast && part.count >= Self.shortestPrefix && word.hasPrefix(part))
    }
}

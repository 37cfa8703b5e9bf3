import RathausCatalog

/// Reading English questions for the part they ask about: "how much is it" asks for the costs,
/// "what documents do I need" for the documents. The same idea as the German reading, with
/// English words; simpler, as English has no compounds and no split verbs.
extension Aspect {
    /// The aspect `utterance` asks about and whether it names no service of its own, read in `language`.
    public static func read(_ utterance: Utterance, in language: Language) -> (aspect: Aspect?, isFollowUp: Bool) {
        language == .english ? readEnglish(words: utterance.words) : read(words: utterance.words)
    }

    /// Word beginnings that signal each aspect in English (a word signals it when it starts with one).
    private static let englishSignals: [(Aspect, [String])] = rawEnglishSignals.map { ($0.0, $0.1.map(TextNormalizer.fold)) }

    /// The signals as written.
    private static let rawEnglishSignals: [(Aspect, [String])] = [
        (.costs, ["cost", "fee", "price", "pay", "charge", "expensive", "euro", "cheap"]),
        (.documents, ["document", "bring", "paper", "proof", "certificat"]),
        (.deadlines, ["deadline", "late", "latest", "within"]),
        (.duration, ["long", "takes", "wait", "processing"]),
        (.requirements, ["requirement", "eligib", "condition", "entitled", "allowed"]),
        (.procedure, ["procedure", "process", "steps"]),
        (.hours, ["open", "hours", "closed", "saturday", "sunday"]),
        (.phone, ["phone", "call", "telephone"]),
        (.email, ["email", "mail"]),
        (.place, ["where", "address", "location"]),
        (.online, ["online", "internet", "digital", "website"]),
        (.legal, ["law", "legal", "statute", "regulation"]),
        (.validity, ["valid", "expire"]),
        (.representation, ["behalf", "proxy", "authoris", "authoriz", "representative"]),
        (.everything, ["everything", "more", "details", "all"]),
    ]

    /// Two words in a row that ask for a part: "how much", "how long", "by when", "what happens".
    private static let englishPhrases: [String: [String: Aspect]] = [
        "how": ["much": .costs, "long": .duration, "soon": .duration],
        "by": ["when": .deadlines], "what": ["happens": .procedure, "next": .procedure],
    ]

    /// Words of English follow-up questions that name no service ("and what about the costs?").
    private static let englishFollowUpWords: Set<String> = Set(rawEnglishFollowUpWords.map(TextNormalizer.fold))

    /// The follow-up words as written.
    private static let rawEnglishFollowUpWords = [
        "and", "it", "that", "this", "there", "then", "about", "go", "cost", "costs", "do", "does", "take", "takes", "see", "show",
        "tell", "anything", "else", "office", "today", "tomorrow", "now", "week", "monday", "tuesday", "wednesday", "thursday", "friday",
    ]

    /// ``read(words:)`` for English words.
    static func readEnglish(words: [String]) -> (aspect: Aspect?, isFollowUp: Bool) {
        var aspects = words.map { word in
            englishSignals.first { _, prefixes in prefixes.contains { word == $0 || (word.count > $0.count && word.hasPrefix($0) && $0.count >= 4) }
            }?.0
        }
        for index in words.indices.dropLast() {
            if let phrase = englishPhrases[words[index]]?[words[index + 1]] { aspects[index] = phrase }
        }
        guard let first = aspects.lazy.compactMap({ $0 }).first else { return (nil, false) }
        let named = aspects.lazy.compactMap({ $0 }).first { $0 != .everything } ?? first
        let isFollowUp = zip(words, aspects).allSatisfy { word, aspect in
            aspect != nil || englishFollowUpWords.contains(word) || LanguageRules.englishStopWords.contains(word)
        }
        return (named, isFollowUp)
    }
}

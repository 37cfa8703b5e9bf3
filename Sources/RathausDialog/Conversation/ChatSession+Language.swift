import RathausCatalog
import RathausUnderstanding

/// The conversation's language: chosen by the channel or the citizen ("English please", "auf
/// Deutsch bitte", "bitte in Leichter Sprache"), or detected from what the citizen writes.
extension ChatSession {
    /// Sets the conversation's language as chosen by the channel (widget, `--language`, the API):
    /// detection leaves it from then on.
    public mutating func choose(_ language: Language) {
        snapshot.language = language
        snapshot.languageChosen = true
    }

    /// The turn that confirms a change of language the citizen asked for, in the new language,
    /// with the question of an open form asked again (its values stay); nil when `utterance`
    /// asks for none.
    mutating func switchLanguage(for utterance: Utterance) -> Turn? {
        guard let requested = Self.requestedLanguage(in: utterance) else { return nil }
        choose(requested)
        // A confirmation, not an answer to rate.
        facts.kind = .other
        let replies = [catalog.text(.languageSwitched)] + (currentQuestion.map { [$0] } ?? [])
        return turn(replies, intent: nil).withFacts(facts).in(language)
    }

    /// Detects the language of `utterance` when none was chosen: the first message with letters
    /// sets it, and a later one of at least ``LanguageDetector/wordsToSwitch`` words changes it
    /// (so "ok" or "hallo" never does). Answers to a form's fields are not read for it.
    mutating func detectLanguage(of utterance: Utterance) {
        guard snapshot.languageChosen != true, snapshot.dialog == nil, let detection = rootEngine.detector.detect(utterance) else { return }
        let current = snapshot.language
        if current == nil || (detection.wordCount >= LanguageDetector.wordsToSwitch && current?.isGerman != detection.language.isGerman) {
            snapshot.language = detection.language
        }
    }

    /// The language a short message asks to be answered in: it names the language and has at most
    /// ``languageRequestWords`` words.
    static func requestedLanguage(in utterance: Utterance) -> Language? {
        let words = utterance.words
        guard !words.isEmpty, words.count <= languageRequestWords else { return nil }
        let easy = words.contains { easyWords.contains($0) } && words.contains { ["sprache", "language", "deutsch", "german"].contains($0) }
        if easy { return .easyGerman }
        if words.contains(where: { ["english", "englisch"].contains($0) }) { return .english }
        if words.contains(where: { ["deutsch", "german"].contains($0) }) { return .german }
        return nil
    }

    /// Most words of a message that asks for a language ("bitte antworten Sie mir auf Englisch").
    static let languageRequestWords = 6

    /// Folded words that, with a word for language, ask for Leichte Sprache.
    private static let easyWords: Set<String> = ["leicht", "leichte", "leichter", "leichten", "einfach", "einfache", "einfacher", "easy"]
}

/// The part of a service a question is about: "Was kostet …?" asks for the costs.
public enum Aspect: String, Sendable, Hashable, Codable, CaseIterable {
    /// Fees (`kosten`).
    case costs
    /// Documents to bring (`erforderliche_unterlagen`).
    case documents
    /// How long it takes (`bearbeitungsdauer`).
    case duration
    /// Deadlines (`fristen`).
    case deadlines
    /// Where to go and when it is open (`zustaendige_stelle`).
    case place
    /// Applying online (`onlinedienst`).
    case online

    /// Folded word beginnings that signal each aspect; a word signals it when it starts with one.
    static let signals: [(Aspect, [String])] = rawSignals.map { ($0.0, $0.1.map(TextNormalizer.fold)) }

    private static let rawSignals: [(Aspect, [String])] = [
        (.costs, ["kost", "gebuhr", "preis", "teuer", "bezahl", "euro"]),
        (.documents, ["unterlag", "mitbring", "mitnehm", "dokument", "papier", "nachweis"]),
        (.duration, ["dauer", "dauert", "lange", "bearbeitungszeit", "bearbeitungsdauer"]),
        (.deadlines, ["frist", "spatest", "deadline"]),
        (.place, ["wo", "wohin", "adress", "offnungszeit", "geoffnet", "offen", "zustandig", "hingehen"]),
        (.online, ["online", "internet", "digital"]),
    ]

    /// Words that only point back to an earlier service ("und was kostet das da?").
    static let referenceWords: Set<String> = ["und", "das", "da", "dafur", "dazu", "denn", "dort", "hin", "den", "die", "der", "es"]

    /// The aspect `text` asks about, if any (the first signal in the text wins).
    public static func detect(in text: String) -> Aspect? {
        for word in TextNormalizer.tokens(text) {
            if let aspect = aspect(of: word) { return aspect }
        }
        return nil
    }

    /// True when `text` names no service of its own: besides stop words, reference words and aspect
    /// words there is nothing in it ("und was kostet das?", "wo muss ich da hin?").
    public static func isFollowUp(_ text: String) -> Bool {
        let words = TextNormalizer.tokens(text)
        guard words.contains(where: { aspect(of: $0) != nil }) else { return false }
        return words.allSatisfy { word in
            aspect(of: word) != nil || referenceWords.contains(word) || TextAnalyzer.stopWords.contains(word)
                || followUpFillers.contains(word)
        }
    }

    /// Verbs and fillers of follow-up questions that do not name a service.
    static let followUpFillers: Set<String> = [
        "muss", "mussen", "brauch", "brauche", "braucht", "ich", "man", "wir", "lang", "viel", "hin", "gehen",
        "kann", "konnte", "geht", "machen", "mach", "erledigen", "beantragen", "hat", "haben", "welche", "welcher",
    ]

    private static func aspect(of word: String) -> Aspect? {
        for (aspect, prefixes) in signals where prefixes.contains(where: { word == $0 || (word.count > 3 && word.hasPrefix($0) && $0.count >= 4) }) {
            return aspect
        }
        return nil
    }
}

import RathausCatalog

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

    /// Words of follow-up questions that neither name a service nor ask for an aspect: pointers back
    /// to the earlier service ("das", "da", "dafür"), verbs and fillers ("muss", "hin", "beantragen").
    static let followUpWords: Set<String> = [
        "und", "das", "da", "dafur", "dazu", "denn", "dort", "hin", "den", "die", "der", "es",
        "muss", "mussen", "brauch", "brauche", "braucht", "ich", "man", "wir", "lang", "viel", "gehen",
        "kann", "konnte", "geht", "machen", "mach", "erledigen", "beantragen", "hat", "haben", "welche", "welcher",
    ]

    /// The aspect `text` asks about, if any (the first signal in the text wins).
    public static func detect(in text: String) -> Aspect? {
        read(text).aspect
    }

    /// True when `text` names no service of its own: besides stop words, follow-up words and aspect
    /// words there is nothing in it ("und was kostet das?", "wo muss ich da hin?").
    public static func isFollowUp(_ text: String) -> Bool {
        read(text).isFollowUp
    }

    /// Both at once, reading the words of `text` a single time: the aspect asked about (the first
    /// signal wins) and whether the message is a follow-up. `text` is read as an ``Utterance``.
    public static func read(_ text: String) -> (aspect: Aspect?, isFollowUp: Bool) {
        read(Utterance(text))
    }

    /// ``read(_:)`` for a message analysed once: its words are not split again.
    public static func read(_ utterance: Utterance) -> (aspect: Aspect?, isFollowUp: Bool) {
        read(words: utterance.words)
    }

    /// ``read(_:)`` for a message already split into folded words (`TextNormalizer.tokens`).
    public static func read(words: [String]) -> (aspect: Aspect?, isFollowUp: Bool) {
        // Without an aspect a message is no follow-up, so the other words are looked up only when
        // one of them signals an aspect.
        let aspects = words.map(aspect(of:))
        guard let first = aspects.lazy.compactMap({ $0 }).first else { return (nil, false) }
        let onlyFollowUpWords = zip(words, aspects).allSatisfy { word, aspect in
            aspect != nil || followUpWords.contains(word) || TextAnalyzer.stopWords.contains(word)
        }
        return (first, onlyFollowUpWords)
    }

    /// The aspect a folded word signals: a signal matches the whole word or, when it has four letters
    /// or more, the beginning of a longer word; of several, the aspect listed first in `signals` wins.
    private static func aspect(of word: String) -> Aspect? {
        guard let first = word.utf8.first, let candidates = signalsByFirstByte[first] else { return nil }
        let match = candidates.first { _, signal in
            word.utf8.elementsEqual(signal.utf8) || (signal.utf8.count >= 4 && word.utf8.starts(with: signal.utf8))
        }
        return match?.0
    }

    /// The signals grouped by their first byte, in the order of `signals`: a word is compared only
    /// with the few that can match it.
    private static let signalsByFirstByte: [UInt8: [(Aspect, String)]] = Dictionary(
        grouping: signals.flatMap { aspect, prefixes in prefixes.map { (aspect, $0) } },
        by: { $0.1.utf8.first ?? 0 })
}

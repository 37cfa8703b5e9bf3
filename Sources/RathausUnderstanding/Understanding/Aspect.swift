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
    /// Who may apply and what must be met (`voraussetzungen`).
    case requirements
    /// The steps of the procedure (`verfahrensablauf`).
    case procedure
    /// Where to go: the responsible department and its address (`zustaendige_stelle`).
    case place
    /// When the responsible department is open.
    case hours
    /// The responsible department's phone number.
    case phone
    /// The responsible department's e-mail address.
    case email
    /// Applying online (`onlinedienst`).
    case online
    /// The legal bases (`rechtsgrundlagen`).
    case legal
    /// How long what is issued stays valid (sentences of the entry that say so).
    case validity
    /// Whether someone else may do it for the citizen (what the entry says of powers of attorney,
    /// representatives and appearing in person).
    case representation
    /// Everything the files say ("alles", "mehr").
    case everything

    /// The aspects that are facts of a department rather than of a service.
    public static let departmentAspects: Set<Aspect> = [.place, .hours, .phone, .email]

    /// Folded word beginnings that signal each aspect; a word signals it when it starts with one.
    static let signals: [(Aspect, [String])] = rawSignals.map { ($0.0, $0.1.map(TextNormalizer.fold)) }

    private static let rawSignals: [(Aspect, [String])] = [
        (.costs, ["kost", "gebuhr", "preis", "teuer", "bezahl", "euro", "hebesatz"]),
        (.documents, ["unterlag", "mitbring", "mitnehm", "dokument", "papier", "nachweis", "vorleg", "vorzeig"]),
        (.deadlines, ["frist", "spatest", "deadline", "rechtzeitig", "vorher", "sperrzeit", "fruh=", "fallig"]),
        (.duration, ["dauer", "dauert", "lange", "bearbeitungszeit", "bearbeitungsdauer", "wartezeit", "warten"]),
        (.requirements, ["voraussetzung", "bedingung", "berechtigt", "anspruch", "rechtsanspruch"]),
        (.procedure, ["ablauf", "vorgehen", "vorgehensweise", "schritt", "lauft="]),
        (.hours, ["offnungszeit", "geoffnet", "offen", "sprechzeit", "zeiten=", "samstag", "samstags", "sonntag", "sonntags"]),
        (.phone, ["telefon", "anruf", "anrufen", "telefonnummer", "tel", "nummer"]),
        (.email, ["email", "mail", "mailadresse"]),
        (.place, ["wo", "wohin", "adress", "anschrift", "zustandig", "hingehen", "sitzt="]),
        (.online, ["online", "internet", "digital"]),
        (.legal, ["rechtsgrundlag", "grundlage", "gesetz", "paragraf", "paragraph", "satzung", "verordnung"]),
        (.validity, ["gilt=", "gultig"]),
        (.representation, ["vollmacht", "bevollmacht", "vertret", "stellvertret", "vertreter"]),
        (.everything, ["alles", "alle=", "mehr", "komplett", "vollstandig", "details"]),
    ]

    /// Two words in a row that signal an aspect, in place of what the first one signals alone:
    /// "bis wann" and "wann muss" ask for a deadline, "lange vorher" too (not for the duration);
    /// "was brauche ich" asks for the documents (where "ich brauche einen Pass" names a service);
    /// "wie läuft das" for the procedure; "wie lange gilt" for the validity; "für mich" and "jemand
    /// anderes" whether someone else may do it.
    private static let phraseSignals: [String: [String: Aspect]] = [
        "bis": ["wann": .deadlines], "wann": ["muss": .deadlines, "mussen": .deadlines], "lange": ["vorher": .deadlines, "gilt": .validity],
        "lang": ["gilt": .validity], "fur": ["mich": .representation], "jemand": ["anderes": .representation, "anders": .representation],
        "was": ["brauch": .documents, "brauche": .documents, "braucht": .documents],
        "wie": ["lauft": .procedure],
    ]

    /// Two words in a row that ask for a part only when no other word does: "ab wie viel Jahren darf
    /// man heiraten" asks for the requirements, "was darf ich mitbringen" for the documents.
    private static let weakPhraseSignals: [String: [String: Aspect]] = [
        "darf": ["man": .requirements, "ich": .requirements], "wie": ["alt": .requirements], "wer": ["darf": .requirements],
        "wann": ["kann": .hours, "konnen": .hours, "hat": .hours, "haben": .hours, "ist": .hours, "sind": .hours],
    ]

    /// Words before an address that make it the citizen's own ("meine Adresse sperren lassen"):
    /// no question where to go.
    private static let ownAddressWords: Set<String> = [
        "mein", "meine", "meiner", "meinen", "unsere", "unserer", "unseren", "neue", "neuen", "neuer", "alte", "alten",
    ]

    /// Words that ask for a part only when no other word does: "was muss ich tun".
    private static let generalSignals: [String: Aspect] = ["tun": .procedure, "machen": .procedure]

    /// "Wie melde ich …", "wie reicht man … ein": how to do it, when nothing else is asked. Not
    /// "wie lange dauert", "wie erreiche ich" (a phone) or "wie komme ich hin" (the way).
    private static func isHowToQuestion(_ words: ArraySlice<String>) -> Bool {
        guard words.count == 3, words.first == "wie", let verb = words.dropFirst().first, let subject = words.last else { return false }
        return howToSubjects.contains(subject) && !notHowToWords.contains { verb.hasPrefix($0) }
    }

    /// Who does it in a how-to question.
    private static let howToSubjects: Set<String> = ["ich", "man", "wir"]

    /// Folded beginnings of words after "wie" that ask something else than how to do it.
    private static let notHowToWords = [
        "lang", "viel", "teuer", "hoch", "alt", "oft", "fruh", "spat", "weit", "schnell", "erreich", "komm", "find", "ist", "sind",
    ]

    /// "Wann" asks how long it takes when nothing else is asked ("wann holen die den ab", "wann
    /// bekomme ich ihn"); "wann kann ich", "wann hat" and "wann ist" ask for the hours (above).
    private static let timingQuestion = "wann"

    /// Signals that count only in a follow-up, where no service is named: "was brauch ich dafür"
    /// asks for the documents, while "ich brauche einen Reisepass" asks about the service.
    private static let followUpSignals: [String: Aspect] = [
        "brauch": .documents, "brauche": .documents, "braucht": .documents, "zeit": .deadlines, "erreich": .phone,
    ]

    /// Words of follow-up questions that neither name a service nor ask for an aspect: pointers back
    /// to the earlier service ("das", "da", "dafür"), verbs and fillers ("muss", "hin", "beantragen").
    static let followUpWords: Set<String> = [
        "und", "das", "da", "dafur", "dazu", "denn", "dort", "hin", "den", "die", "der", "es",
        "muss", "mussen", "brauch", "brauche", "braucht", "ich", "man", "wir", "lang", "viel", "gehen",
        "kann", "konnte", "geht", "machen", "mach", "erledigen", "beantragen", "hat", "haben", "welche", "welcher",
        "anzeigen", "zeig", "zeige", "zeigen", "info", "infos", "wann", "uhr", "erreiche", "erreichen", "erreich", "schreiben",
        "denen", "amt", "behorde", "stelle", "neue", "neuen", "zeit", "telefonisch", "bitte", "auch", "vorbeikommen",
        // Days, so that "kann ich da morgen hin" stays a follow-up.
        "heute", "morgen", "ubermorgen", "jetzt", "gerade", "nachste", "nachsten", "kommenden", "montag", "montags",
        "dienstag", "dienstags", "mittwoch", "mittwochs", "donnerstag", "donnerstags", "freitag", "freitags",
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
        var aspects = words.map(aspect(of:))
        for index in words.indices.dropLast() {
            if let phrase = phraseSignals[words[index]]?[words[index + 1]] { aspects[index] = phrase }
            if aspects[index + 1] == .place, ownAddressWords.contains(words[index]) { aspects[index + 1] = nil }
        }
        let isOnlyFollowUp = { (aspects: [Aspect?]) in
            zip(words, aspects).allSatisfy { word, aspect in
                aspect != nil || followUpWords.contains(word) || TextAnalyzer.stopWords.contains(word)
            }
        }
        if aspects.allSatisfy({ $0 == nil }) { aspects = weakerReading(of: words) }
        guard let first = aspects.lazy.compactMap({ $0 }).first else {
            // A weak signal counts only when nothing else in the message names a service.
            let weak = words.map { followUpSignals[$0] }
            guard let signal = weak.lazy.compactMap({ $0 }).first, isOnlyFollowUp(weak) else { return (nil, false) }
            return (signal, true)
        }
        // "Alles" only asks for everything when no other part is named ("was muss ich alles mitbringen"),
        // and "wie lange" asks for the validity when "gültig" follows ("wie lange ist er gültig").
        let overruled: Set<Aspect> = aspects.contains(.validity) ? [.everything, .duration] : [.everything]
        let named = aspects.lazy.compactMap({ $0 }).first { !overruled.contains($0) } ?? first
        return (named, isOnlyFollowUp(aspects))
    }

    /// The parts a message without any signal word still asks for, by the first of these readings
    /// that finds one: weak phrases („darf man“), a how-to question („wie melde ich“), „wann“, and
    /// „was muss ich tun/machen“ (only as a question: „ich möchte einen Termin machen“ asks for the
    /// service).
    private static func weakerReading(of words: [String]) -> [Aspect?] {
        var aspects = [Aspect?](repeating: nil, count: words.count)
        for index in words.indices.dropLast() {
            if let phrase = weakPhraseSignals[words[index]]?[words[index + 1]] { aspects[index] = phrase }
        }
        if aspects.contains(where: { $0 != nil }) { return aspects }
        for index in words.indices.dropLast(2) where isHowToQuestion(words[index...].prefix(3)) { aspects[index] = .procedure }
        if aspects.contains(where: { $0 != nil }) { return aspects }
        if let index = words.firstIndex(of: timingQuestion) {
            aspects[index] = .duration
            return aspects
        }
        return words.contains("was") ? words.map { generalSignals[$0] } : aspects
    }

    /// The aspect a folded word signals: a signal matches the whole word or, when it has four letters
    /// or more and does not end in "=", the beginning of a longer word; of several, the aspect listed
    /// first in `signals` wins.
    private static func aspect(of word: String) -> Aspect? {
        guard let first = word.utf8.first, let candidates = signalsByFirstByte[first] else { return nil }
        let match = candidates.first { _, signal in
            if signal.hasSuffix("=") { return word + "=" == signal }
            return word.utf8.elementsEqual(signal.utf8) || (signal.utf8.count >= 4 && word.utf8.starts(with: signal.utf8))
        }
        return match?.0
    }

    /// The signals grouped by their first byte, in the order of `signals`: a word is compared only
    /// with the few that can match it.
    private static let signalsByFirstByte: [UInt8: [(Aspect, String)]] = Dictionary(
        grouping: signals.flatMap { aspect, prefixes in prefixes.map { (aspect, $0) } },
        by: { $0.1.utf8.first ?? 0 })
}

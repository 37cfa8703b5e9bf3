import Foundation

/// The language of the generated catalogue: syllables for invented German-looking nouns, the
/// everyday words citizens use around them, and the patterns of their questions.
enum PseudoGermanLexicon {
    /// Syllables that invented words are made of.
    static let syllables = [
        "ver", "an", "mel", "dung", "steu", "er", "ge", "bau", "amt", "schein", "be", "schei", "ni",
        "gung", "trag", "ab", "fall", "geld", "wohn", "sitz", "ord", "nung", "hund", "park", "aus",
        "weis", "platz", "schlie", "ur", "kun", "de", "zu", "las", "sung", "fahr", "zeug", "brief",
        "kas", "se", "lohn", "stand", "recht", "frist", "wahl", "markt", "grund", "haus", "land",
        "stadt", "kreis", "teil", "zeit", "hof", "weg", "bahn", "feld", "berg", "wald", "bür", "prü",
        "fung", "schä", "gel", "rei", "tum", "keit", "heit", "lei", "stung", "mie", "te", "kin",
        "der", "schu", "le", "gar", "ten", "was", "ser", "strom", "müll", "tonne", "ren",
    ]

    /// Words of every question, shared by all services.
    static let commonWords = [
        "wie", "was", "kostet", "beantragen", "anmelden", "wo", "brauche", "ich", "kann", "man",
        "einen", "eine", "den", "die", "der", "für", "mein", "meine", "bekomme", "muss", "wann",
        "welche", "unterlagen", "online", "dauert", "lange", "hilfe", "bei", "frage", "zu", "nun",
    ]

    /// Question patterns; `{a}` and `{b}` stand for words of the service asked about.
    static let templates = [
        "wie kann ich {a} {b} beantragen",
        "was kostet {a}",
        "was kostet ein {a} {b}",
        "wo bekomme ich {a}",
        "ich brauche {a} für {b}",
        "{a} {b} anmelden",
        "{a} anmelden wo",
        "welche unterlagen brauche ich für {a}",
        "kann man {a} {b} online beantragen",
        "wie lange dauert {a}",
        "wann muss ich {a} {b} beantragen",
        "frage zu {a} {b}",
        "{a} beantragen",
        "brauche hilfe bei {a} {b}",
        "wo kann ich {a} {b} abgeben",
        "was brauche ich für {a}",
        "mein {a} ist abgelaufen was nun",
        "wie melde ich {a} {b} an",
        "wer ist zuständig für {a}",
        "{a} {b} kosten",
    ]

    /// What the generated services' names say is done.
    static let actions = ["beantragen", "anmelden", "abmelden", "verlängern", "ändern", "melden"]

    /// An invented word of two or three syllables, at least five letters long.
    static func word(using generator: inout SeededGenerator) -> String {
        while true {
            let count = generator.chance(0.7) ? 2 : 3
            let word = (0..<count).map { _ in generator.pick(syllables) }.joined()
            if word.count >= 5 { return word }
        }
    }

    /// `template` with `{a}` and `{b}` replaced.
    static func sentence(_ template: String, a: String, b: String) -> String {
        template.replacingOccurrences(of: "{a}", with: a).replacingOccurrences(of: "{b}", with: b)
    }

    /// `word` with one letter dropped or two neighbouring letters swapped (never the first letter).
    static func misspelt(_ word: String, using generator: inout SeededGenerator) -> String {
        var letters = Array(word)
        guard letters.count >= 4 else { return word }
        let index = generator.inRange(1...(letters.count - 2))
        if generator.chance(0.5) {
            letters.remove(at: index)
        } else if letters[index] != letters[index + 1] {
            letters.swapAt(index, index + 1)
        } else {
            letters.remove(at: index)
        }
        return String(letters)
    }
}

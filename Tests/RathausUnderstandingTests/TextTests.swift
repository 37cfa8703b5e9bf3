import Foundation
import RathausTestSupport
import Testing

@testable import RathausCatalog

@Suite("Normalising German text")
struct TextTests {
    @Test(
        "umlauts, ae/oe/ue and plain vowels fold to the same word",
        arguments: [
            ("Müll", "muell", "mull"),
            ("Führungszeugnis", "fuehrungszeugnis", "fuhrungszeugnis"),
            ("Öffnungszeiten", "oeffnungszeiten", "offnungszeiten"),
            ("Gebühr", "gebuehr", "gebuhr"),
        ])
    func umlautsFold(_ forms: (String, String, String)) {
        let folded = [forms.0, forms.1, forms.2].map(TextNormalizer.fold)
        #expect(folded[0] == folded[1])
        #expect(folded[1] == folded[2])
    }

    @Test("ß becomes ss and case is folded")
    func sharpS() {
        #expect(TextNormalizer.tokens("Straße STRASSE strasse") == ["strasse", "strasse", "strasse"])
    }

    @Test("punctuation and emoji separate words; digits stay")
    func punctuationAndEmoji() {
        #expect(TextNormalizer.tokens("Perso weg!!! 😱 Was nun?? (am 12.5.)") == ["perso", "weg", "was", "nun", "am", "12", "5"])
    }

    @Test("composed and decomposed umlauts are the same")
    func unicodeNormalForm() {
        let decomposed = "Mu\u{0308}ll"
        #expect(TextNormalizer.tokens(decomposed) == TextNormalizer.tokens("Müll"))
    }

    @Test("accents of foreign names are dropped")
    func accents() {
        #expect(TextNormalizer.tokens("Café René") == ["cafe", "rene"])
    }

    @Test(
        "edit distance counts transpositions as one edit",
        arguments: [
            ("reisepass", "reisepass", 0),
            ("reisepas", "reisepass", 1),
            ("riesepass", "reisepass", 1),
            ("gewerbeanmeldun", "gewerbeanmeldung", 1),
            ("hund", "katze", 5),
            ("", "abc", 3),
        ])
    func editDistance(_ case: (String, String, Int)) {
        #expect(EditDistance.damerauLevenshtein(Array(`case`.0), Array(`case`.1)) == `case`.2)
    }

    static let analyzer = CatalogFixture.matcher(CatalogFixture.shipped).analyzer

    @Test("features drop stop words and include the stem and word-boundary n-grams")
    func features() {
        let features = Self.analyzer.features(of: "Ich will den Hund")
        #expect(features[.stem("hund")] != nil)
        #expect(features[.stem("ich")] == nil)
        #expect(features[.gram("<hu")] != nil)
        #expect(features[.gram("nd>")] != nil)
        #expect(Self.analyzer.features(of: "!!! 😱").isEmpty)
        #expect(Self.analyzer.features(of: "bis dann")[.stem("dann")] != nil, "only stop words: keep them")
    }

    @Test(
        "the bounded edit distance equals the full one up to its limit",
        arguments: [
            ("reisepass", "reisepass"), ("reisepas", "reisepass"), ("riesepass", "reisepass"),
            ("abcdef", "badcfe"), ("hund", "katze"), ("", "abc"), ("anmelden", "amlden"), ("ab", "ba"),
            ("gaststaettenerlaubnis", "gaatssttateneralbunis"),
        ])
    func boundedEditDistance(_ pair: (String, String)) {
        let a = Array(pair.0.utf8), b = Array(pair.1.utf8)
        let full = EditDistance.damerauLevenshtein(a, b)
        for limit in 0...4 {
            #expect(EditDistance.damerauLevenshtein(a, b, limit: limit) == min(full, limit + 1), "limit \(limit)")
        }
    }

    /// Texts and their tokens as the tokenizer gave them before its hand-written fast path was
    /// removed (issue 17): the plain tokenizer must give exactly the same.
    static let tokenCases: [(String, [String])] = [
        ("Hundesteuer ANMELDEN, bitte!", ["hundesteur", "anmelden", "bitte"]),
        ("Stra\u{DF}e und M\u{FC}ll: \u{D6}ffnungszeiten?", ["strasse", "und", "mull", "offnungszeiten"]),
        ("muell 12.5. ueberweisung", ["mull", "12", "5", "uberweisung"]),
        ("\u{C4}rger \u{FC}ber Bu\u{DF}geld", ["arger", "uber", "bussgeld"]),
        ("STRASSE Ma\u{DF}e", ["strasse", "masse"]),
        ("Aerger Oel Uebel", ["arger", "ol", "ubel"]),
        ("perso \u{1F631}", ["perso"]),
        ("antrag gemacht \u{1F48D}wie l\u{E4}uft das", ["antrag", "gemacht", "wie", "lauft", "das"]),
        ("\u{201E}Sperrm\u{FC}ll\u{201C} \u{2013} wann\u{2026}?", ["sperrmull", "wann"]),
        ("\u{2764}\u{FE0F} danke \u{1F44D}\u{1F3FD}", ["danke"]),
        ("pass\u{2192}weg \u{2639} \u{2713}", ["pass", "weg"]),
        ("\u{1F468}\u{1F3FF}\u{200D}\u{1F4BB}hilfe\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}", ["hilfe"]),
        ("\u{1F1E9}\u{1F1EA} pass", ["pass"]),
        ("pass\u{200D}wort", ["pass\u{200D}wort"]),
        ("dank\u{FE0F}", ["dank\u{FE0F}"]),
        ("Caf\u{E9} Ren\u{E9} No\u{EB}l", ["cafe", "rene", "noel"]),
        ("Mu\u{308}ll", ["mull"]),
        ("q\u{308}uark", ["q\u{308}uark"]),
        ("\u{130}stanbul", ["i\u{307}stanbul"]),
        ("\u{141}\u{F3}d\u{17A} \u{D8}re \u{C6}sir", ["\u{142}odz", "\u{F8}re", "\u{E6}sir"]),
        (
            "\u{43F}\u{440}\u{438}\u{432}\u{435}\u{442} \u{43C}\u{438}\u{440}",
            ["\u{43F}\u{440}\u{438}\u{432}\u{435}\u{442}", "\u{43C}\u{438}\u{440}"]
        ),
        (
            "\u{645}\u{631}\u{62D}\u{628}\u{627} \u{628}\u{650}\u{643}\u{64F}\u{645}",
            ["\u{645}\u{631}\u{62D}\u{628}\u{627}", "\u{628}\u{650}\u{643}\u{64F}\u{645}"]
        ),
        ("\u{2460}\u{2461}\u{2462} 4\u{BD}", ["\u{2460}\u{2461}\u{2462}", "4\u{BD}"]),
        ("\u{1E9E} GROSS", ["ss", "gross"]),
    ]

    @Test(
        "the plain tokenizer gives the tokens the former fast and general paths gave",
        arguments: TextTests.tokenCases)
    func plainTokens(_ case: (String, [String])) {
        #expect(TextNormalizer.tokens(`case`.0) == `case`.1)
        #expect(
            TextNormalizer.tokens(`case`.0) == TextNormalizer.fold(`case`.0).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
    }

    @Test(
        "trimming removes white space and line breaks at both ends only",
        arguments: [
            ("  Hallo Welt \n", "Hallo Welt"), ("\t\u{00A0}perso\r\n", "perso"), ("ohne", "ohne"), (" \n\t ", ""), ("", ""),
            (" ä ö ", "ä ö"),
        ])
    func trimmed(_ case: (String, String)) {
        #expect(`case`.0.trimmed == `case`.1)
        #expect(`case`.0.trimmed == `case`.0.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

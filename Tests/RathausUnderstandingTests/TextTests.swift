import Foundation
import RathausTestSupport
import Testing
@testable import RathausCatalog

@Suite("Normalising German text")
struct TextTests {
    @Test("umlauts, ae/oe/ue and plain vowels fold to the same word", arguments: [
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

    @Test("edit distance counts transpositions as one edit", arguments: [
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

    @Test("the bounded edit distance equals the full one up to its limit", arguments: [
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

    @Test("plain text takes the fast path and gives the same tokens as the general one", arguments: [
        "Hundesteuer ANMELDEN, bitte!", "Straße und Müll: Öffnungszeiten?", "muell 12.5. ueberweisung", "Ärger über Bußgeld",
        "perso 😱", "antrag gemacht 💍wie läuft das", "„Sperrmüll“ – wann…?", "❤️ danke 👍🏽", "pass→weg ☹ ✓",
    ])
    func fastPath(_ text: String) {
        let fast = TextNormalizer.simpleTokens(text)
        #expect(fast != nil)
        #expect(fast == TextNormalizer.fold(text).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
    }

    @Test("accents, decomposed umlauts, flags and a joiner inside a word take the general path", arguments: [
        "Café", "Mu\u{308}ll", "🇩🇪 pass", "pass\u{200D}wort", "dank\u{FE0F}",
    ])
    func generalPath(_ text: String) {
        #expect(TextNormalizer.simpleTokens(text) == nil)
        #expect(!TextNormalizer.tokens(text).isEmpty)
    }

    @Test("trimming removes white space and line breaks at both ends only", arguments: [
        ("  Hallo Welt \n", "Hallo Welt"), ("\t\u{00A0}perso\r\n", "perso"), ("ohne", "ohne"), (" \n\t ", ""), ("", ""),
        (" ä ö ", "ä ö"),
    ])
    func trimmed(_ case: (String, String)) {
        #expect(`case`.0.trimmed == `case`.1)
        #expect(`case`.0.trimmed == `case`.0.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

import Testing

@testable import RathausCatalog
@testable import RathausUnderstanding

@Suite("German text pipeline: stemming, compounds, typos, synonyms")
struct AnalyzerTests {
    static let stemmer = try! SnowballStemmer()

    @Test(
        "Snowball German stems inflected forms to one stem",
        arguments: [
            ("anmeldung", "anmeld"),
            ("anmelden", "anmeld"),
            ("hunde", "hund"),
        ])
    func stems(_ case: (String, String)) {
        #expect(Self.stemmer.stem(`case`.0) == `case`.1)
    }

    @Test("singular and plural meet", arguments: [("bescheinigung", "bescheinigungen"), ("gebuhr", "gebuhren"), ("antrag", "antrage")])
    func pluralMeetsSingular(_ pair: (String, String)) {
        #expect(Self.stemmer.stem(pair.0) == Self.stemmer.stem(pair.1))
    }

    @Test("an unknown algorithm is an error, not a crash")
    func unknownAlgorithm() {
        #expect(throws: SnowballStemmer.CreationError.self) { try SnowballStemmer(algorithm: "klingon") }
    }

    static let analyzer = TextAnalyzer(
        texts: ["hundesteuer anmelden", "hund anmeldung", "steuer", "reisepass beantragen", "gewerbeanmeldung", "personalausweis"],
        synonyms: ["perso": ["personalausweis"]],
        stemmer: stemmer)

    /// The stem the analyser gives a single known word (words are folded first: "steuer" → "stur").
    static func stem(_ word: String) -> String {
        analyzer.analyse(word: TextNormalizer.fold(word)).stem
    }

    @Test(
        "a mistyped stop word is still a stop word",
        arguments: [
            ("hhabe meni perso verloren", ["perso", "verloren"]), ("kann ich bitet reisepass", ["reisepass"]),
        ])
    func stopWordSlips(_ case: (String, [String])) {
        #expect(Self.analyzer.contentWords(of: `case`.0) == `case`.1)
    }

    @Test("function words are features of their own, besides the content words")
    func functionWords() {
        let features = Self.analyzer.features(of: "kannst du mir den hund anmelden")
        #expect(features[.functionWord("du")] == Self.analyzer.weights.functionWord)
        #expect(features[.functionWord("den")] != nil)
        #expect(features[.stem("hund")] != nil)
        #expect(features[.stem("du")] == nil)
        // A message of stop words only is analysed as content: no function-word features then.
        #expect(Self.analyzer.features(of: "bist du da")[.functionWord("du")] == nil)
    }

    @Test("a compound the examples never contain is split into known parts")
    func compoundSplit() {
        let folded = TextNormalizer.fold("Hundesteueranmeldung")
        #expect(Self.analyzer.split(folded) == [TextNormalizer.fold("hundesteuer"), "anmeldung"])
        let features = Self.analyzer.features(of: "Hundesteueranmeldung")
        #expect(features[.stem(Self.stem("anmeldung"))] != nil)
        #expect(features[.stem(Self.stem("hundesteuer"))] != nil)
        #expect(features[.stem("anmeld")] != nil)
    }

    @Test("known compounds are split too, so their parts meet single words")
    func knownCompoundParts() {
        let analysis = Self.analyzer.analyse(word: TextNormalizer.fold("hundesteuer"))
        #expect(analysis.parts.contains(Self.stem("hund")))
        #expect(analysis.parts.contains(Self.stem("steuer")))
    }

    @Test("short words and words without known parts are not split", arguments: ["hund", "quittung", "beantragen"])
    func noSplit(_ word: String) {
        #expect(Self.analyzer.split(word) == [])
    }

    @Test(
        "typos are corrected to the closest vocabulary word",
        arguments: [
            ("reisepas", "reisepass"),
            ("riesepass", "reisepass"),
            ("gewerbeanmeldun", "gewerbeanmeldung"),
            ("personalasuweis", "personalausweis"),
        ])
    func typo(_ case: (String, String)) {
        #expect(Self.analyzer.analyse(word: TextNormalizer.fold(`case`.0)).word == TextNormalizer.fold(`case`.1))
    }

    @Test("words too far from the vocabulary stay as they are", arguments: ["wetter", "pizza", "hnd"])
    func noTypo(_ word: String) {
        #expect(Self.analyzer.analyse(word: word).word == word)
    }

    @Test("synonyms add the features of what they mean")
    func synonym() {
        let features = Self.analyzer.features(of: "perso weg")
        #expect(features[.stem("personalausweis")] != nil)
        #expect(features[.stem("perso")] != nil)
    }

    @Test(
        "the typo index allows one edit up to 7 letters and two from 8",
        arguments: [
            (3, 0), (4, 1), (7, 1), (8, 2), (15, 2),
        ])
    func allowedDistance(_ case: (Int, Int)) {
        #expect(TypoIndex.allowedDistance(forLength: `case`.0) == `case`.1)
    }

    @Test("the typo index prefers the smaller distance, then the more frequent word")
    func typoIndexTies() {
        let index = TypoIndex(words: ["hund": 5, "bund": 1, "hundesteuer": 2, "reisen": 1, "reiten": 5])
        #expect(index.correction(for: "hnud") == "hund")
        #expect(index.correction(for: "hundestuer") == "hundesteuer")
        #expect(index.correction(for: "reien") == "reiten", "equal distance: the more frequent word")
        #expect(index.correction(for: "xyzw") == nil)
        #expect(index.correction(for: "abc") == nil)
    }

    @Test(
        "in short words only dropped, doubled and swapped letters are slips, not other letters",
        arguments: [
            ("hunt", nil), ("welt", nil), ("fest", nil), ("hnud", "hund"), ("hun", nil), ("weit", "weit"), ("wiet", "weit"),
        ] as [(String, String?)])
    func shortWords(_ case: (String, String?)) {
        let index = TypoIndex(words: ["hund": 1, "weit": 1, "fast": 1])
        #expect(index.correction(for: `case`.0) == `case`.1)
    }

    @Test(
        "doubled and tripled letters cost nothing",
        arguments: [
            ("hhausnnummerr", "hausnummer"),
            ("rrathhauss", "rathaus"),
            ("kosttenn", "kosten"),
        ])
    func squeezedLetters(_ case: (String, String)) {
        let index = TypoIndex(words: ["hausnummer": 1, "rathaus": 1, "kosten": 1, "rente": 1])
        #expect(index.correction(for: `case`.0) == `case`.1)
    }

    @Test("a word of three letters is never a correction, however the typed word looks")
    func candidateLength() {
        let index = TypoIndex(words: ["anmelden": 1, "amt": 1])
        #expect(index.correction(for: "amtt") == nil)
        #expect(index.correction(for: "anmeldenn") == "anmelden")
    }

    @Test(
        "a swap of neighbours together with one more slip is found",
        arguments: [
            ("blgaubigte", "beglaubigte"),
            ("personalasuwies", "personalausweis"),
            ("gewerbeanmledugn", "gewerbeanmeldung"),
            ("betruungsplazt", "betreuungsplatz"),
        ])
    func swapAndOneMore(_ case: (String, String)) {
        let index = TypoIndex(words: [`case`.1: 1, "gewerbeabmeldung": 1, "beglaubigt": 1])
        #expect(index.correction(for: `case`.0) == `case`.1)
        #expect(index.correction(for: `case`.0, maximumDistance: 1) == nil, "two slips are beyond one")
    }

    @Test(
        "a badly misspelt long word is found by its shared trigrams",
        arguments: [
            ("betrungsplaz", "betreuungsplatz"),
            ("persnlausweis", "personalausweis"),
            ("gewerbanmeldng", "gewerbeanmeldung"),
        ])
    func fuzzyFinds(_ case: (String, String)) {
        #expect(TypoIndex(words: [`case`.1: 1]).correction(for: `case`.0) == nil, "beyond what the typo index finds")
        let vocabulary = FuzzyVocabulary(words: ["betreuungsplatz", "personalausweis", "gewerbeanmeldung", "gewerbeabmeldung"])
        #expect(vocabulary.nearest(to: `case`.0) == `case`.1)
    }

    @Test("a real word the catalogue does not know is not taken for another", arguments: ["spaghetti", "hochzeitstorte", "kuehlschrank", "amt"])
    func fuzzyRejects(_ word: String) {
        let vocabulary = FuzzyVocabulary(words: ["betreuungsplatz", "personalausweis", "hochwasserschutz", "kuehlung"])
        #expect(vocabulary.nearest(to: word) == nil)
    }

    @Test("the analyser falls back to trigrams only after typo correction and compound splitting")
    func fallbackOrder() {
        let analyzer = TextAnalyzer(texts: ["betreuungsplatz anmelden", "hund anmelden"], stemmer: Self.stemmer)
        #expect(analyzer.analyse(word: "betrungsplaz").word == "betreuungsplatz", "three slips: trigrams")
        #expect(analyzer.analyse(word: "betreuungsplatzz").word == "betreuungsplatz", "one slip: typo correction")
        #expect(analyzer.analyse(word: "hundanmelden").parts == ["hund", "anmeld"], "a compound of known words is split, not guessed")
    }

    @Test("a misspelt compound is read as two known parts, each with at most one slip")
    func misspeltCompound() {
        let analyzer = TextAnalyzer(texts: ["hundesteuer anmelden", "hund abmeldung", "gewerbe"], stemmer: Self.stemmer)
        let expected = [analyzer.analyse(word: "hundesteur").stem, Self.stemmer.stem("abmeldung")]
        #expect(analyzer.analyse(word: "hundesteurabmeldng").parts == expected, "one side as typed, one slip on the other")
        #expect(analyzer.misspeltCompoundParts(of: "hundsteurabmeldng") == expected, "a slip on each side")
        #expect(analyzer.misspeltCompoundParts(of: "hundsteurabmeldng", bothSidesMisspelt: false).isEmpty)
        #expect(analyzer.misspeltCompoundParts(of: "hundsteurxyzxyz").isEmpty, "a part that is no word: no split")
        #expect(analyzer.misspeltCompoundParts(of: "hundgewerbe") == [Self.stemmer.stem("hund"), Self.stemmer.stem("gewerbe")])
    }

    @Test("a verb particle at the end joins its verb again: „melde … ab“ counts as abmelden")
    func separableVerb() {
        let analyzer = TextAnalyzer(texts: ["hund abmelden", "hund anmelden", "melde"], stemmer: Self.stemmer)
        let abmeld = Self.stemmer.stem("abmelden"), anmeld = Self.stemmer.stem("anmelden")
        #expect(analyzer.features(of: "wie melde ich den hund ab")[.stem(abmeld)] != nil)
        #expect(analyzer.features(of: "wie melde ich den hund an")[.stem(anmeld)] != nil)
        #expect(analyzer.features(of: "ab wann melde ich den hund")[.stem(abmeld)] == nil, "a particle before the verb is none")
    }

    @Test("neighbouring content words are a feature of their own, in order, across stop words")
    func wordPairs() {
        let hund = Self.stem("hund"), anmeld = Self.stem("anmelden")
        let features = Self.analyzer.features(of: "hund bitte anmelden")
        #expect(features[.wordPair(hund, anmeld)] == Self.analyzer.weights.wordPair)
        #expect(features[.wordPair(anmeld, hund)] == nil)
        #expect(Self.analyzer.features(of: "anmelden hund")[.wordPair(anmeld, hund)] != nil)
    }

    @Test("every form's hash, put together from prefixes, equals the hash of the form written out", arguments: ["hund", "beglaubigte", "aab", "ab"])
    func formHashes(_ word: String) {
        let bytes = Array(word.utf8)
        let hasher = FormHasher(bytes)
        func whole(_ form: [UInt8]) -> UInt64 { FormHasher(form).whole }
        func removing(_ form: [UInt8], _ positions: Int...) -> [UInt8] {
            form.enumerated().filter { !positions.contains($0.offset) }.map(\.element)
        }
        #expect(hasher.whole == whole(bytes))
        for first in bytes.indices {
            #expect(hasher.skipping(first) == whole(removing(bytes, first)))
        }
        // Every pair deleted, by the first position, then the second.
        #expect(
            hasher.skippingTwoForms()
                == bytes.indices.flatMap { first in
                    ((first + 1)..<bytes.count).map { whole(removing(bytes, first, $0)) }
                })
        // Each swap of neighbours, then that swapped word without each other byte; without one of
        // the pair it is the word without the other.
        let positions = Array(bytes.indices.dropLast())
        var swapForms: [UInt64] = []
        for position in positions {
            var swapped = bytes
            swapped.swapAt(position, position + 1)
            swapForms.append(whole(swapped))
            swapForms += bytes.indices.filter { $0 != position && $0 != position + 1 }.map { whole(removing(swapped, $0)) }
            #expect(whole(removing(swapped, position)) == hasher.skipping(position + 1))
            #expect(whole(removing(swapped, position + 1)) == hasher.skipping(position))
        }
        #expect(hasher.swappedForms(at: positions) == swapForms)
        #expect(hasher.swappedForms(at: positions.suffix(1)) == Array(swapForms.suffix(max(1, bytes.count - 1))))
        #expect(whole(Array("hnud".utf8)) != whole(Array("hund".utf8)), "order counts")
    }
}

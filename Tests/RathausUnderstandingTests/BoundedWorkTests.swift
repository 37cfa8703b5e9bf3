import RathausTestSupport
import Testing

@testable import RathausCatalog
@testable import RathausUnderstanding

/// The caps of issue 17: a message is analysed in its first 1,000 characters (its words in its
/// first 64 pieces between spaces within 320 scalars), and the searches for
/// misspellings stop where no catalogue word can be reached; normal messages are read as before.
/// Speed itself is measured by `rathaus-bench --scenario adversarial`, not here.
@Suite("Bounded work per message")
struct BoundedWorkTests {
    static let matcher = CatalogFixture.matcher(CatalogFixture.shipped)

    /// Pathological texts of more than 1,000 characters.
    static let longTexts: [String] = [
        String(repeating: "hundesteueranmeldung", count: 80),
        String(repeating: "Was kostet ein Reisepass? ", count: 60),
        String(repeating: "привет мир как дела ", count: 60),
        String(repeating: "مرحبا بِكُم ", count: 120),
        String(repeating: "👍🏽👨🏿‍💻🇩🇪 perso ", count: 150),
        String(repeating: "1234567890", count: 150),
        String(repeating: "a", count: 1_500),
        String(repeating: "perrso verlorn hundesteur ", count: 60),
    ]

    @Test("a long message is read as its first 1,000 characters, its words from the analysed beginning", arguments: BoundedWorkTests.longTexts)
    func longMessageIsCapped(_ text: String) {
        let utterance = Utterance(text)
        #expect(utterance.wasShortened)
        #expect(utterance.text.count == Utterance.maximumLength)
        let beginning = Utterance.analysedBeginning(of: utterance.text)
        #expect(utterance.words == TextNormalizer.tokens(String(beginning)))
        #expect(!utterance.words.isEmpty, "a long text always has words to read")
        #expect(beginning.unicodeScalars.count <= Utterance.maximumAnalysedScalars)
        #expect(beginning.split(whereSeparator: \.isWhitespace).count <= Utterance.maximumWords)
        let capped = String(text.prefix(Utterance.maximumLength))
        let full = Self.matcher.match(text), first = Self.matcher.match(capped)
        #expect(full.intent == first.intent)
        #expect(full.confidence == first.confidence)
        #expect(Self.matcher.match(utterance).intent == full.intent)
        #expect(Self.matcher.rank(utterance).map(\.intent) == Self.matcher.rank(capped).map(\.intent))
    }

    @Test(
        "a message within the limit is not shortened, and both overloads agree",
        arguments: [
            "Was kostet ein Reisepass?", "  hab meinen perso verloren was nun \n", "und was kostet das?", "",
        ])
    func normalMessage(_ text: String) {
        let utterance = Utterance(text)
        #expect(!utterance.wasShortened)
        #expect(utterance.words == TextNormalizer.tokens(text))
        #expect(Self.matcher.match(utterance).intent == Self.matcher.match(text).intent)
        #expect(Self.matcher.match(utterance).confidence == Self.matcher.match(text).confidence)
        #expect(Aspect.read(utterance) == Aspect.read(text))
    }

    @Test(
        "the aspect lookup without a byte table finds the same aspects",
        arguments: [
            ("Was kostet ein Reisepass?", Aspect.costs), ("welche Unterlagen brauche ich", .documents),
            ("wie lange dauert das", .duration), ("bis wann ist die Frist", .deadlines), ("wo muss ich da hin", .place),
            ("geht das online", .online), ("Gebühren und Öffnungszeiten", .costs), ("kos", nil), ("hallo", nil),
        ])
    func aspects(_ case: (String, Aspect?)) {
        #expect(Aspect.detect(in: `case`.0) == `case`.1)
    }

    @Test("words too long or in another script are not searched for slips; ordinary slips still are")
    func typoSearchBounds() {
        let analyzer = AnalyzerTests.analyzer
        #expect(analyzer.analyse(word: TextNormalizer.fold("hundestuer")).word == TextNormalizer.fold("hundesteuer"))
        #expect(analyzer.analyse(word: "reisepas").word == "reisepass")
        let long = String(repeating: "reisepass", count: 30)
        for word in [long, "приветствие", String(repeating: "ф", count: 400)] {
            let analysis = analyzer.analyse(word: word)
            #expect(analysis.word == word, "no correction for \(word.prefix(20))")
            #expect(analyzer.misspeltCompoundParts(of: word).isEmpty)
        }
        #expect(analyzer.analyse(word: "reisepaф").word == "reisepass", "one letter of another script is one slip")
    }

    @Test("a long compound is still split into its parts, also when repeated many times")
    func compoundSplitBounds() {
        let analyzer = AnalyzerTests.analyzer
        let compound = TextNormalizer.fold("hundesteueranmeldung")
        #expect(analyzer.split(compound) == [TextNormalizer.fold("hundesteuer"), "anmeldung"])
        let repeated = String(repeating: compound, count: 40)
        #expect(analyzer.split(repeated) == Array(repeating: [TextNormalizer.fold("hundesteuer"), "anmeldung"], count: 40).flatMap { $0 })
    }
}

/// Where the analysed beginning of a message ends.
@Suite("The analysed beginning of a message")
struct AnalysedBeginningTests {
    @Test("a message within both limits is read whole")
    func whole() {
        let text = "hab meinen perso verloren was nun"
        #expect(Utterance.analysedBeginning(of: text) == text[...])
    }

    @Test("many short words: the first 64 are read")
    func manyWords() {
        let text = String(repeating: "ab ", count: 100)
        #expect(Utterance(text).words.count == Utterance.maximumWords)
    }

    @Test("long words: cut at the last space within the scalar limit, never in a word")
    func longWords() {
        let word = String(repeating: "x", count: 30)
        let text = Array(repeating: word, count: 30).joined(separator: " ")
        let words = Utterance(text).words
        #expect(words.allSatisfy { $0 == word })
        #expect(words.count == Utterance.maximumAnalysedScalars / (word.count + 1))
    }

    @Test("one long piece without spaces is cut at the scalar limit")
    func onePiece() {
        let text = String(repeating: "hund", count: 200)
        #expect(Utterance(text).words == [String(repeating: "hund", count: 80)])
    }
}

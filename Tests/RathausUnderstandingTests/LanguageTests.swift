import RathausCatalog
import RathausTestSupport
import RathausUnderstanding
import Testing

@Suite("Understanding English and telling it from German")
struct LanguageTests {
    static let english = CatalogFixture.matcher(CatalogFixture.shipped.localized(to: .english))
    static let detector = LanguageDetector(catalog: CatalogFixture.shipped)

    @Test(
        "English questions are matched with the English examples",
        arguments: [
            ("how much is a new passport", "reisepass-beantragen"), ("i lost my id card", "ausweis-verlust-melden"),
            ("where do i register my new flat", "wohnsitz-anmelden"), ("what's the weather tomorrow", nil),
        ] as [(String, String?)])
    func englishMatches(_ text: String, _ intent: String?) {
        #expect(Self.english.match(text).intent == intent)
        #expect(Self.english.analyzer.rules.language == .english)
    }

    @Test(
        "the detector tells the languages apart, also with German words in English",
        arguments: [
            ("how do i get an anmeldung", Language.english), ("wo bekomme ich einen reisepass", .german),
            ("personalausweis verloren was tun", .german), ("can i pay the dog tax online", .english),
        ])
    func detection(_ text: String, _ language: Language) {
        #expect(Self.detector.detect(Utterance(text))?.language == language)
    }

    @Test("a catalogue without an English translation detects no language, so German is read as German")
    func noEnglishToDetect() {
        let shipped = CatalogFixture.shipped
        let germanOnly = Catalog(
            departments: shipped.departments, knowledge: shipped.knowledge, intents: shipped.intents,
            outOfScopeExamples: shipped.outOfScopeExamples, synonyms: shipped.synonyms, forms: shipped.forms,
            referrals: shipped.referrals, town: shipped.town)
        let detector = LanguageDetector(catalog: germanOnly)
        #expect(detector.detect(Utterance("was kostet ein reisepass")) == nil)
        #expect(detector.detect(Utterance("how much is a new passport")) == nil)
        #expect(Self.detector.detect(Utterance("was kostet ein reisepass"))?.language == .german, "with English to tell apart")
    }

    @Test("a referral answers in English, with the English name of the authority")
    func englishReferral() throws {
        let english = CatalogFixture.shipped.localized(to: .english)
        let answer = try #require(english.intent("verweis-familienkasse")?.answer)
        #expect(answer.hasPrefix("The town is not responsible for this."))
        #expect(answer.contains("Family Benefits Office"))
        #expect(answer.contains("Phone: "))
    }

    @Test("English aspects: costs, duration and a follow-up without a service")
    func englishAspects() {
        #expect(Aspect.read(Utterance("how much is a passport"), in: .english).aspect == .costs)
        let followUp = Aspect.read(Utterance("and how long does it take?"), in: .english)
        #expect(followUp.aspect == .duration && followUp.isFollowUp)
        #expect(Aspect.read(Utterance("what documents do i need for a passport"), in: .english).isFollowUp == false)
    }
}

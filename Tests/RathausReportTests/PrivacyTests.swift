import RathausUnderstanding
import Testing

@testable import RathausReport

@Suite("What the report removes and hides")
struct PrivacyTests {
    @Test(
        "the scrubber removes personal data",
        arguments: [
            ("rufen sie mich an unter 0171 2345678", "0171"), ("meine nummer +49 (0)30 123 456-78", "456"),
            ("schreiben an max.mustermann@example.org bitte", "mustermann"), ("iban DE89 3704 0044 0532 0130 00", "3704"),
            ("iban DE89370400440532013000", "DE89"), ("mein antrag MS-2026-000042", "000042"),
            ("ich wohne in der Hauptstraße 5, 12345 Musterstadt", "Hauptstraße"), ("kundennummer 1234567", "1234567"),
            ("Am Lindenweg 12a wohnt wer", "Lindenweg"),
        ])
    func scrubs(_ example: (text: String, secret: String)) {
        let scrubbed = PersonalDataScrubber.scrub(example.text)
        #expect(!scrubbed.contains(example.secret), "\(scrubbed)")
    }

    @Test("text without digits or @ stays as it is; short numbers stay")
    func keeps() {
        #expect(PersonalDataScrubber.scrub("wann hat das freibad offen") == "wann hat das freibad offen")
        #expect(PersonalDataScrubber.scrub("2 sofas am 12.5.") == "2 sofas am 12.5.")
    }

    @Test("a group asked by one conversation only is not shown, however often it asked")
    func kAnonymity() throws {
        var grouper = QuestionGrouper(stemmer: try SnowballStemmer())
        for _ in 0..<5 { grouper.add("wie funktioniert die mondlandung", conversation: "a") }
        grouper.add("freibad öffnungszeiten", conversation: "a")
        grouper.add("freibad preise", conversation: "b")
        let groups = grouper.groups()
        #expect(groups.count == 1)
        #expect(groups.first?.stems == ["freibad"])
        #expect(groups.first?.conversations == 2)
    }
}

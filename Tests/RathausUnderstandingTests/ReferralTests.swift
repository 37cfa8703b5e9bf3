import Foundation
import RathausTestSupport
import Testing

@testable import RathausCatalog
@testable import RathausUnderstanding

@Suite("Referrals to other authorities")
struct ReferralTests {
    static let catalog = CatalogFixture.shipped
    static let matcher = CatalogFixture.matcher(catalog)

    @Test("the near-miss set: no question is taken for a town service, at least 90 % get the right referral")
    func nearMisses() throws {
        let url = CatalogFixture.repositoryRoot.appendingPathComponent("Tests/Evaluation/referrals.jsonl")
        let set = try EvaluationSet(contentsOf: url)
        #expect(set.examples.count >= 30)
        var right = 0
        for example in set.examples {
            let expected = try #require(example.intent)
            #expect(Self.catalog.isReferral(expected), "line \(example.line)")
            let predicted = Self.matcher.match(example.text).intent
            if predicted == expected { right += 1 }
            #expect(predicted.map(Self.catalog.isReferral) ?? true, "line \(example.line): taken for \(predicted ?? "")")
        }
        #expect(Double(right) / Double(set.examples.count) >= 0.9, "\(right) of \(set.examples.count)")
    }

    @Test(
        "a keyword refers the message whatever town service it also names",
        arguments: [
            ("unser baby ist da, geburtsurkunde haben wir, wie kriegen wir das kindergeld", "verweis-familienkasse"),
            ("wie hoch ist die kfz-steuer für mein auto", "verweis-hauptzollamt"),
            ("rundfunkbeitrag abmelden nach dem umzug", "verweis-beitragsservice"),
            ("Kindergeldnummer vergessen", "verweis-familienkasse"),
        ])
    func keyword(_ case: (String, String)) {
        #expect(Self.matcher.match(`case`.0).intent == `case`.1)
    }

    @Test("a short keyword matches only the whole word: 'gez' is not the start of 'gezahlt'")
    func shortKeywordsMatchWholeWords() {
        let intent = Self.matcher.match("hundesteuer zu viel gezahlt").intent
        #expect(intent.map(Self.catalog.isReferral) != true)
    }

    @Test("a referral's answer says the town is not responsible and names who is, with phone and website from its file")
    func answer() throws {
        let referral = try #require(Self.catalog.referrals["verweis-familienkasse"])
        #expect(referral.answer().hasPrefix("Dafür ist die Stadt nicht zuständig."))
        #expect(referral.answer().contains(referral.name))
        if let phone = referral.phone { #expect(referral.answer().contains(phone)) }
        if let website = referral.website { #expect(referral.answer().contains(website)) }
    }

    @Test("a referral file without examples names its file and line")
    func brokenFile() throws {
        let fixture = try CatalogFixture(changes: [
            "Knowledge/verweise/finanzamt.yaml": "id: finanzamt\nname: das Finanzamt\nzustaendig_fuer: die Steuer\nwebsite: www.example\n"
        ])
        defer { fixture.remove() }
        let problems = fixture.check().problems
        #expect(problems.contains { $0.file == "Knowledge/verweise/finanzamt.yaml" && $0.message.contains("beispiele") })
        #expect(problems.contains { $0.file == "Knowledge/verweise/finanzamt.yaml" && $0.line == 4 && $0.message.contains("Internetadresse") })
    }
}

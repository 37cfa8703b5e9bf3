import Foundation
import RathausCatalog
import RathausDialog
import RathausStore
import RathausTestSupport
import RathausUnderstanding
import Testing

@testable import RathausReport

@Suite("The staff report over conversations run for real")
struct ReportTests {
    @Test("the Sperrmüll funnel is what the script implies: 3 started, 1 submitted, most leave at the postal code, 2 refused")
    func funnel() async throws {
        let (store, _) = try await SeededStore.make()
        let report = try SeededStore.report(store)
        let form = try #require(report.forms.first { $0.id == "sperrmuell-anmelden" })
        #expect(form.started == 3)
        #expect(form.submitted == 1)
        #expect(form.confirmed == 1)
        #expect(form.left == 2)
        #expect(form.mostLeftAt == "plz")
        let steps = Dictionary(uniqueKeysWithValues: form.steps.map { ($0.id, $0) })
        #expect(steps["einwilligung"]?.reached == 3)
        #expect(steps["name"]?.reached == 3)
        #expect(steps["plz"]?.reached == 3)
        #expect(steps["plz"]?.left == 2)
        #expect(steps["plz"]?.validationErrors == 2)
        #expect(steps["gegenstaende"]?.reached == 1)
        #expect(steps["absenden"]?.reached == 1)
        #expect(form.steps.map(\.id).firstIndex(of: "einwilligung")! < form.steps.map(\.id).firstIndex(of: "name")!)
    }

    @Test("unanswered questions: the pool asked by 3 conversations is one group; the moon landing, asked once, is not shown")
    func unansweredGroups() async throws {
        let (store, _) = try await SeededStore.make()
        let report = try SeededStore.report(store)
        #expect(report.totals.unanswered == 4)
        let pool = try #require(report.unansweredGroups.first { $0.stems.contains("freibad") })
        #expect(pool.conversations == 3)
        #expect(pool.questions == 3)
        #expect(report.unansweredGroups.count == 1)
        #expect(!report.unansweredGroups.contains { group in group.examples.contains { $0.contains("mondlandung") } })
        #expect(pool.examples.contains { $0.contains("[Telefon]") })
        #expect(pool.examples.contains { $0.contains("[E-Mail]") })
        #expect(pool.examples.contains { $0.contains("[IBAN]") })
    }

    @Test("a phone number, an e-mail address and an IBAN typed into questions appear neither in the HTML nor in the JSON")
    func noPersonalData() async throws {
        let (store, _) = try await SeededStore.make()
        let report = try SeededStore.report(store)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let json = String(decoding: try encoder.encode(report), as: UTF8.self)
        let html = ReportHTML.page(report)
        #expect(json.contains("freibad"), "the group is there")
        for secret in ["0171", "2345678", "max.mustermann", "example.org", "DE89", "3704 0044", "0532", "Anna", "Hauptstra", "anna@", "Gartenweg"] {
            #expect(!json.contains(secret), "JSON contains \(secret)")
            #expect(!html.contains(secret), "HTML contains \(secret)")
        }
        #expect(html.contains("k ≥ 2"))
        #expect(!html.lowercased().contains("<script"))
    }

    @Test("answers, feedback and shares per service follow the turns")
    func answersAndFeedback() async throws {
        let (store, ids) = try await SeededStore.make()
        let report = try SeededStore.report(store)
        #expect(report.totals.conversations == ids.count)
        let passport = try #require(report.services.first { $0.id == "reisepass-beantragen" })
        #expect(passport.answers == 1)
        #expect(passport.helpful == 1)
        #expect(report.totals.helpful == 1)
        #expect(report.totals.notHelpful == 1)
        #expect(report.totals.unansweredNotHelpful == 1)
        #expect(report.departments.contains { $0.id == "abfallwirtschaft" && $0.answers == 3 })
        #expect(report.totals.unansweredShare == Double(report.totals.unanswered) / Double(report.totals.questions))
        #expect(report.days.last?.conversations == ids.count)
    }

    @Test("a period without turns gives an empty report; one that ends before it starts is refused")
    func periods() async throws {
        let (store, _) = try await SeededStore.make()
        let old = try #require(ReportPeriod(since: CalendarDate(year: 2020, month: 1, day: 1)!, until: CalendarDate(year: 2020, month: 1, day: 31)!))
        let report = try ReportBuilder.report(store: store, catalog: CatalogFixture.shipped, period: old, stemmer: try SnowballStemmer())
        #expect(report.totals.turns == 0)
        #expect(report.days.count == 31)
        #expect(report.forms.isEmpty)
        #expect(ReportPeriod(since: CalendarDate(year: 2020, month: 2, day: 1)!, until: CalendarDate(year: 2020, month: 1, day: 1)!) == nil)
        let recent = ReportPeriod.resolve(since: nil, until: CalendarDate(year: 2026, month: 11, day: 30)!, today: .today())!
        #expect(recent.since == CalendarDate(year: 2026, month: 11, day: 1)!)
    }
}

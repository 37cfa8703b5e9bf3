import Foundation
import RathausTestSupport
import Testing

@testable import RathausCatalog
@testable import RathausDialog

@Suite("Composing answers")
struct AnswerTests {
    static let catalog = CatalogFixture.shipped
    static let composer = AnswerComposer(catalog: catalog)

    @Test("a service answer holds summary, costs, documents, office with opening hours and the online link")
    func serviceAnswer() throws {
        let entry = try #require(Self.catalog.knowledge["reisepass-beantragen"])
        let department = try #require(Self.catalog.departments[entry.departmentID])
        let answer = Self.composer.answer(for: entry.id)
        #expect(answer.hasPrefix(entry.name))
        #expect(answer.contains(entry.summary))
        for cost in entry.costs { #expect(answer.contains(cost)) }
        for document in entry.requiredDocuments { #expect(answer.contains(document)) }
        #expect(answer.contains(department.name))
        #expect(answer.contains(department.openingHours[0]))
        #expect(answer.contains(department.phone))
        if let online = entry.onlineService { #expect(answer.contains(online.url)) }
        #expect(answer.contains("70,00 Euro"))
    }

    @Test("answers contain no Markdown syntax")
    func noMarkdown() {
        for intent in Self.catalog.intents {
            let answer = Self.composer.answer(for: intent.id)
            #expect(!answer.contains("**"), "\(intent.id)")
            #expect(!answer.contains("]("), "\(intent.id)")
            #expect(!answer.split(separator: "\n").contains { $0.hasPrefix("#") }, "\(intent.id)")
        }
    }

    @Test("the out-of-scope answer names how to reach the Hauptamt")
    func outOfScopeAnswer() throws {
        let hauptamt = try #require(Self.catalog.fallbackDepartment)
        let answer = Self.composer.outOfScopeAnswer()
        #expect(answer.contains("leider"))
        #expect(answer.contains(hauptamt.phone))
        #expect(answer.contains(hauptamt.email))
        #expect(answer.contains(hauptamt.openingHours[0]))
    }

    @Test("placeholders are found and filled from the department files")
    func placeholders() throws {
        let fixture = try CatalogFixture()
        defer { fixture.remove() }
        let catalog = try CatalogLoader(directory: fixture.directory).load()
        #expect(AnswerTemplate.placeholders(in: "a {x.y} b {c.d}") == ["x.y", "c.d"])
        let rendered = AnswerComposer(catalog: catalog).answer(for: "mensch-sprechen")
        #expect(rendered == "Rufen Sie uns an: 0 12 34 / 56 78-0")
        #expect(AnswerTemplate.value(for: "hauptamt.fax", departments: catalog.departments) == nil)
        #expect(AnswerTemplate.value(for: "hauptamt.anschrift", departments: catalog.departments) == "Marktplatz 1, 12345 Musterstadt")
    }

    @Test("no shipped answer keeps an unfilled placeholder")
    func shippedPlaceholdersFilled() {
        for intent in Self.catalog.intents where intent.answer != nil {
            #expect(!Self.composer.answer(for: intent.id).contains("{"), "\(intent.id)")
        }
    }

    @Test("ask response carries intent, rounded confidence and the answer")
    func askResponse() throws {
        let response = AskResponse(question: "Was kostet ein Reisepass?", matcher: CatalogFixture.matcher(Self.catalog), composer: Self.composer)
        #expect(response.intent == "reisepass-beantragen")
        #expect(response.answer.contains("70,00 Euro"))
        let json = String(
            decoding: try JSONEncoder().encode(
                AskResponse(question: "wetter morgen", matcher: CatalogFixture.matcher(Self.catalog), composer: Self.composer)), as: UTF8.self)
        #expect(json.contains("\"intent\":null"))
    }
}

import Foundation
import RathausTestSupport
import RathausUnderstanding
import Testing

@testable import RathausCatalog
@testable import RathausDialog

@Suite("Composing answers")
struct AnswerTests {
    static let catalog = CatalogFixture.shipped
    static let composer = AnswerComposer(catalog: catalog)

    @Test("the overview of a service: what it is, the first fee, where, online, in at most 120 words")
    func overview() throws {
        let entry = try #require(Self.catalog.knowledge["reisepass-beantragen"])
        let department = try #require(Self.catalog.departments[entry.departmentID])
        let answer = Self.composer.answer(for: entry.id)
        #expect(answer.hasPrefix(entry.name))
        #expect(answer.contains(AnswerComposer.sentences(entry.summary, count: 2)))
        #expect(answer.contains(entry.costs[0]))
        #expect(!answer.contains(entry.costs[1]), "only the first fee")
        #expect(answer.contains(department.name))
        if let online = entry.onlineService { #expect(answer.contains(online.url)) }
        for id in Self.catalog.knowledge.keys {
            let words = AnswerComposer.wordCount(Self.composer.answer(for: id))
            #expect(words <= AnswerComposer.overviewWordLimit, "\(id): \(words) words")
        }
    }

    @Test("the whole entry holds every section the file has")
    func wholeEntry() throws {
        let entry = try #require(Self.catalog.knowledge["reisepass-beantragen"])
        let department = try #require(Self.catalog.departments[entry.departmentID])
        let answer = Self.composer.answer(for: entry.id, aspect: .everything)
        #expect(answer.contains(entry.summary))
        for line in entry.costs + entry.requiredDocuments + entry.procedure + entry.legalBases { #expect(answer.contains(line)) }
        #expect(answer.contains(department.openingHours[0]))
        #expect(answer.contains(department.phone))
    }

    @Test("an answer about one aspect stays within 80 words where one item fits, and counts what it leaves out")
    func aspectAnswersAreShort() throws {
        for (id, entry) in Self.catalog.knowledge {
            for aspect in Aspect.allCases where aspect != .everything {
                let answer = Self.composer.answer(for: id, aspect: aspect)
                #expect(answer.hasPrefix(entry.name), "\(id) \(aspect)")
                let lines = answer.split(separator: "\n")
                // Over the limit only when the first item alone is that long.
                if AnswerComposer.wordCount(answer) > AnswerComposer.aspectWordLimit {
                    #expect(lines.filter { $0.hasPrefix("• ") }.count <= 1, "\(id) \(aspect)")
                }
            }
        }
        let documents = Self.composer.answer(for: "reisepass-beantragen", aspect: .documents)
        let entry = try #require(Self.catalog.knowledge["reisepass-beantragen"])
        let shown = documents.split(separator: "\n").filter { $0.hasPrefix("• ") }.count
        if shown < entry.requiredDocuments.count {
            #expect(documents.contains("und \(entry.requiredDocuments.count - shown) weitere"))
        }
    }

    @Test("every number and time in a service's short answers comes from its own files")
    func nothingInvented() throws {
        for (id, entry) in Self.catalog.knowledge {
            let department = Self.catalog.departments[entry.departmentID]
            var source = [entry.name, entry.summary, entry.fullText ?? "", entry.processingTime ?? "", entry.onlineService?.url ?? ""]
            source += [entry.onlineService?.name ?? ""] + entry.notes
            source += entry.costs + entry.requiredDocuments + entry.deadlines + entry.requirements + entry.procedure + entry.legalBases
            if let department {
                source += [department.name, department.address.singleLine, department.phone, department.email]
                source += department.hours.map { [$0.text] } ?? []
                source += department.openingHours
            }
            let sourceText = source.joined(separator: "\n")
            for aspect in [nil] + Aspect.allCases.filter({ $0 != .everything }).map(Optional.some) {
                let answer = Self.composer.answer(for: id, aspect: aspect)
                for number in Self.numbers(in: answer) {
                    // Times in the rules are written "08:00"; the lines generated from them "8:00".
                    #expect(
                        sourceText.contains(number) || sourceText.contains("0" + number),
                        "\(id) \(String(describing: aspect)): \(number)")
                }
            }
        }
    }

    /// Runs of digits with their inner separators: "70,00", "0 12 34", "8:00", "12345".
    static func numbers(in text: String) -> [String] {
        text.matches(of: /\d+(?:[.,:]\d+)*/).map { String($0.output) }
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

import Foundation
import RathausCatalog
import RathausUnderstanding

/// A catalogue of invented services built in memory (no files), deterministic for a given seed.
///
/// Each service has 3 to 6 characteristic words of its own and a topic word shared with the other
/// services of its topic; its examples are short citizen questions that mix these with common words
/// ("wie", "was kostet", "beantragen", …). All services belong to one department.
struct SyntheticCatalog {
    /// One generated service and the words it is recognised by.
    struct Service {
        /// Intent and knowledge entry id, e.g. "dienst-0001".
        let id: String
        /// Words only this service uses.
        let words: [String]
        /// A word shared by all services of the same topic.
        let topic: String
    }

    /// The id of the single department (the fallback department, so answers could be composed).
    static let departmentID = Catalog.fallbackDepartmentID
    /// Services per topic word.
    static let servicesPerTopic = 20

    /// The catalogue, ready for `IntentMatcher(catalog:)`.
    let catalog: Catalog
    /// The services in intent order.
    let services: [Service]
    /// Invented words that occur nowhere in the catalogue, for out-of-vocabulary queries.
    let unusedWords: [String]

    /// Builds `serviceCount` services with `examplesPerService` examples each from `seed`.
    init(serviceCount: Int = 1_000, examplesPerService: Int = 20, seed: UInt64 = 0x5241_5448_4155_5331) {
        var generator = SeededGenerator(seed: seed)
        let topicCount = max(1, serviceCount / Self.servicesPerTopic)
        let wordsNeeded = topicCount + serviceCount * 6 + 500
        var pool = Self.uniqueWords(count: wordsNeeded, using: &generator)[...]
        let topics = (0..<topicCount).map { _ in pool.popFirst()! }
        var services: [Service] = []
        var knowledge: [String: KnowledgeEntry] = [:]
        var intents: [Intent] = []
        for number in 1...serviceCount {
            let id = "dienst-" + Self.padded(number)
            let words = (0..<generator.inRange(3...6)).map { _ in pool.popFirst()! }
            let service = Service(id: id, words: words, topic: topics[(number - 1) % topicCount])
            services.append(service)
            let name = "\(words[0].capitalized) \(generator.pick(PseudoGermanLexicon.actions))"
            knowledge[id] = KnowledgeEntry(
                id: id, serviceKey: "local:bench:\(id)", name: name,
                synonyms: [words[1].capitalized, (words[0] + words[1]).capitalized],
                summary: "\(name): Sie erledigen das beim Bürgerservice der Stadt Benchstadt.",
                departmentID: Self.departmentID)
            let examples = (0..<examplesPerService).map { index in
                Self.question(
                    about: service,
                    template: PseudoGermanLexicon.templates[
                        (index + number) % PseudoGermanLexicon.templates.count], using: &generator)
            }
            intents.append(Intent(id: id, examples: examples, source: SourceLocation(file: "generated", line: number)))
        }
        let department = Department(
            id: Self.departmentID, name: "Bürgerservice",
            address: Department.Address(street: "Marktplatz 1", postalCode: "12345", city: "Benchstadt"),
            openingHours: ["Mo–Fr 8:00–12:00 Uhr"], phone: "01234 5678-0",
            email: "buergerservice@benchstadt.example")
        self.catalog = Catalog(departments: [department.id: department], knowledge: knowledge, intents: intents)
        self.services = services
        self.unusedWords = Array(pool)
    }

    /// A question about `service` following `template`: `{a}` is one of its words, `{b}` another
    /// one or, now and then, its topic word; `misspell` garbles `{a}` with one typo.
    static func question(
        about service: Service, template: String, misspell: Bool = false, using generator: inout SeededGenerator
    ) -> String {
        let order = generator.shuffled(service.words)
        var a = order[0]
        let b = generator.chance(0.3) ? service.topic : order[1]
        if misspell { a = PseudoGermanLexicon.misspelt(a, using: &generator) }
        return PseudoGermanLexicon.sentence(template, a: a, b: b)
    }

    /// `count` distinct invented words that are not common words.
    private static func uniqueWords(count: Int, using generator: inout SeededGenerator) -> [String] {
        var seen = Set(PseudoGermanLexicon.commonWords)
        var words: [String] = []
        while words.count < count {
            let word = PseudoGermanLexicon.word(using: &generator)
            if seen.insert(word).inserted { words.append(word) }
        }
        return words
    }

    /// `number` with leading zeros to four digits.
    private static func padded(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

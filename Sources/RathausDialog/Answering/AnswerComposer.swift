import Foundation
import RathausCatalog
import RathausUnderstanding

/// Composes the plain-text answers the assistant gives: from a knowledge entry, from an intent's
/// answer template, or the "I don't know" answer naming how to reach the town.
///
/// Texts read well in a terminal: no Markdown, short lines, lists with bullets. A catalogue never
/// changes, so each answer is composed once and then looked up: build one composer per catalogue and
/// share it.
public final class AnswerComposer: Sendable {
    private let catalog: Catalog
    private let composed = ComposedAnswers()

    /// Creates a composer for `catalog`.
    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    /// Most words of an answer about one aspect; a list is cut to fit.
    public static let aspectWordLimit = 80
    /// Most words of the overview of a service.
    public static let overviewWordLimit = 120

    /// The answer for a recognised intent: without an aspect the service's short overview, with
    /// one only that part (``Aspect/everything``: the whole entry).
    public func answer(for intentID: String, aspect: Aspect? = nil) -> String {
        composed.answer(for: intentID, aspect: aspect) { compose(for: intentID, aspect: aspect) }
    }

    private func compose(for intentID: String, aspect: Aspect?) -> String {
        if let entry = catalog.knowledge[intentID] {
            switch aspect {
            case nil: return overview(of: entry)
            case .everything?: return fullAnswer(for: entry)
            case let aspect?: return part(aspect, of: entry)
            }
        }
        if let template = catalog.intent(intentID)?.answer {
            return AnswerTemplate.render(template, departments: catalog.departments)
        }
        return outOfScopeAnswer()
    }

    /// A short overview of a service: what it is (the summary's first two sentences), what it
    /// costs, where to go, and whether it can be done online.
    public func overview(of entry: KnowledgeEntry) -> String {
        var lines = [entry.name, untranslatedNotice(entry, ["kurztext"]) + Self.sentences(entry.summary, count: 2)]
        if let firstCost = entry.costs.first {
            let more = entry.costs.count > 1 ? " (\(catalog.text(.moreCosts, ["count": "\(entry.costs.count - 1)"])))" : ""
            lines.append("\(catalog.text(.costs)): \(firstCost)" + more)
        }
        if let department = catalog.departments[entry.departmentID] {
            lines.append("\(catalog.text(.responsible)): \(department.name)")
        }
        if let online = entry.onlineService {
            lines.append("\(catalog.text(.online)): \(online.name), \(online.url)")
        } else if catalog.forms[entry.id] == nil {
            lines.append("\(catalog.text(.online)): \(catalog.text(.notOnline))")
        }
        return Self.fitted(lines, limit: Self.overviewWordLimit)
    }

    /// One part of a service, led by its name, in at most ``aspectWordLimit`` words where the
    /// files allow (a long list ends with "und N weitere").
    public func part(_ aspect: Aspect, of entry: KnowledgeEntry) -> String {
        let department = catalog.departments[entry.departmentID]
        let body: String
        let lead = entry.name
        switch aspect {
        case .costs: body = list(catalog.text(.costs), entry.costs, lead: lead, key: "kosten", of: entry)
        case .documents: body = list(catalog.text(.documents), entry.requiredDocuments, lead: lead, key: "erforderliche_unterlagen", of: entry)
        case .deadlines: body = list(catalog.text(.deadlines), entry.deadlines, lead: lead, key: "fristen", of: entry)
        case .requirements: body = list(catalog.text(.requirements), entry.requirements, lead: lead, key: "voraussetzungen", of: entry)
        case .procedure: body = list(catalog.text(.procedure), entry.procedure, lead: lead, key: "verfahrensablauf", of: entry)
        case .legal: body = list(catalog.text(.legalBases), entry.legalBases, lead: lead)
        case .validity: body = list(catalog.text(.validity), Self.validitySentences(of: entry), lead: lead)
        case .representation: body = list(catalog.text(.representation), Self.representationItems(of: entry), lead: lead)
        case .duration:
            body =
                entry.processingTime.map {
                    "\(lead)\n" + untranslatedNotice(entry, ["bearbeitungsdauer"]) + "\(catalog.text(.processingTime)): \($0)"
                } ?? ""
        case .online:
            if let online = entry.onlineService {
                body = "\(lead)\n\(catalog.text(.onlineService)): \(online.name)\n\(online.url)"
            } else if catalog.forms[entry.id] != nil {
                body = "\(lead)\n\(catalog.text(.applyInChat))"
            } else {
                body = ""
            }
        case .place, .hours, .phone, .email:
            body = department.map { "\(entry.name)\n" + departmentFact(aspect, of: $0) } ?? ""
        case .everything: body = fullAnswer(for: entry)
        }
        return body.isEmpty ? "\(entry.name)\n\(catalog.text(Self.missing(aspect)))" : body
    }

    /// One fact of a department: where it is, when it is open, its phone number or e-mail address;
    /// with any other aspect its whole contact.
    public func departmentFact(_ aspect: Aspect, of department: Department) -> String {
        switch aspect {
        case .place:
            return "\(catalog.text(.responsible)): \(department.name)\n\(catalog.text(.address)): \(department.address.singleLine)"
        case .hours:
            return (["\(catalog.text(.openingHours)) \(department.name):"] + department.openingHours.map { "• \($0)" }).joined(separator: "\n")
        case .phone: return "\(catalog.text(.phone)) \(department.name): \(department.phone)"
        case .email: return "\(catalog.text(.email)) \(department.name): \(department.email)"
        default: return contact(department, lead: catalog.text(.contact))
        }
    }

    /// The next parts worth offering after an answer about `intentID` (none for intents that are
    /// no service): documents, costs, opening hours, the online service and everything, without
    /// the part just given and parts the files do not have. When the service's form was just
    /// offered (`formOffered`), "Antrag stellen" ("Ja") leads in place of the online service.
    public func suggestions(for intentID: String, after aspect: Aspect?, formOffered: Bool = false) -> [Suggestion] {
        guard let entry = catalog.knowledge[intentID], aspect != .everything else { return [] }
        let suggestion = { (label: DialogText, text: DialogText) in Suggestion(label: self.catalog.text(label), text: self.catalog.text(text)) }
        var offered: [(Aspect?, Suggestion)] = formOffered ? [(nil, suggestion(.suggestApply, .yes))] : []
        if !entry.requiredDocuments.isEmpty { offered.append((.documents, suggestion(.suggestDocuments, .suggestDocumentsText))) }
        if !entry.costs.isEmpty { offered.append((.costs, suggestion(.suggestCosts, .suggestCostsText))) }
        if catalog.departments[entry.departmentID] != nil { offered.append((.hours, suggestion(.suggestHours, .suggestHoursText))) }
        if !formOffered, entry.onlineService != nil || catalog.forms[entry.id] != nil {
            offered.append((.online, suggestion(.suggestOnline, .suggestOnlineText)))
        }
        offered.append((.everything, suggestion(.suggestEverything, .suggestEverything)))
        return offered.filter { $0.0 == nil || $0.0 != aspect }.map(\.1)
    }

    /// The whole entry: summary, costs, documents, requirements, deadlines, processing time,
    /// procedure, notes, responsible office, online service, forms and legal bases.
    public func fullAnswer(for entry: KnowledgeEntry) -> String {
        var sections = [untranslatedNotice(entry, Array(entry.untranslated)) + entry.summary]
        let text = catalog.text
        if !entry.costs.isEmpty { sections.append(bulleted(text(.costs, [:]), entry.costs)) }
        if !entry.requiredDocuments.isEmpty { sections.append(bulleted(text(.requiredDocuments, [:]), entry.requiredDocuments)) }
        if !entry.requirements.isEmpty { sections.append(bulleted(text(.requirements, [:]), entry.requirements)) }
        if !entry.deadlines.isEmpty { sections.append(bulleted(text(.deadlines, [:]), entry.deadlines)) }
        if let time = entry.processingTime { sections.append("\(text(.processingTime, [:])): \(time)") }
        if !entry.procedure.isEmpty { sections.append(bulleted(text(.procedure, [:]), entry.procedure)) }
        if !entry.notes.isEmpty { sections.append(bulleted(text(.notes, [:]), entry.notes)) }
        if let department = catalog.departments[entry.departmentID] { sections.append(contact(department, lead: text(.responsible, [:]))) }
        if let online = entry.onlineService { sections.append("\(text(.onlineService, [:])): \(online.name)\n\(online.url)") }
        if !entry.forms.isEmpty { sections.append(bulleted(text(.forms, [:]), entry.forms.map { "\($0.name): \($0.url)" })) }
        if !entry.legalBases.isEmpty { sections.append(bulleted(text(.legalBases, [:]), entry.legalBases)) }
        return entry.name + "\n" + sections.joined(separator: "\n\n")
    }

    /// What to say when the knowledge entry has nothing on the aspect asked about.
    private static func missing(_ aspect: Aspect) -> DialogText {
        switch aspect {
        case .costs: .missingCosts
        case .documents: .missingDocuments
        case .duration: .missingDuration
        case .deadlines: .missingDeadlines
        case .requirements: .missingRequirements
        case .procedure: .missingProcedure
        case .place, .hours, .phone, .email: .missingDepartment
        case .online: .missingOnline
        case .legal: .missingLegal
        case .validity: .missingValidity
        case .representation: .missingRepresentation
        case .everything: .missingAnything
        }
    }

    /// The sentence that says a part is given in German, when a translated `entry` had to take
    /// any of `keys` from German; else nothing.
    private func untranslatedNotice(_ entry: KnowledgeEntry, _ keys: [String]) -> String {
        guard entry.language != .german, keys.contains(where: entry.untranslated.contains) else { return "" }
        return catalog.text(.untranslatedPart) + "\n"
    }

    /// `title` and as many `items` as fit in ``aspectWordLimit`` words with the lead line, the
    /// rest counted ("und 3 weitere"); empty when there are no items. When the items are the
    /// German of an untranslated `key` of `entry`, a sentence says so.
    private func list(_ title: String, _ items: [String], lead: String, key: String? = nil, of entry: KnowledgeEntry? = nil) -> String {
        guard !items.isEmpty else { return "" }
        let itemWords = items.map { Self.wordCount($0) + 1 }  // the bullet counts as a word
        let fixedWords = Self.wordCount(lead) + Self.wordCount(title)
        let remainderWords = Self.wordCount(remainder(1))
        var shown = 1
        while shown < items.count {
            let total = fixedWords + itemWords[...shown].reduce(0, +) + (shown + 1 < items.count ? remainderWords : 0)
            guard total <= Self.aspectWordLimit else { break }
            shown += 1
        }
        let notice = entry.flatMap { entry in key.map { untranslatedNotice(entry, [$0]) } } ?? ""
        var lines = [lead, notice + title + ":"] + items.prefix(shown).map { "• \($0)" }
        if shown < items.count { lines.append(remainder(items.count - shown)) }
        return lines.joined(separator: "\n")
    }

    /// The line that counts the items left out of a list.
    private func remainder(_ count: Int) -> String {
        catalog.text(.remainder, ["count": "\(count)"])
    }

    /// The sentences of an entry that say how long something is valid ("gilt drei Jahre", "zehn
    /// Jahre gültig", "Geltungsdauer"), in the order of the file: summary, full text, deadlines,
    /// notes. A sentence with "gilt" must also name a span of time ("gilt als zurückgenommen" does not).
    static func validitySentences(of entry: KnowledgeEntry) -> [String] {
        let texts = [entry.summary, entry.fullText ?? ""] + entry.deadlines + entry.notes
        let sentences = texts.flatMap(Self.allSentences)
        return sentences.filter { sentence in
            let words = TextNormalizer.tokens(sentence)
            if words.contains(where: { $0.hasPrefix("gultig") || $0.hasPrefix("geltungsdauer") }) { return true }
            return words.contains("gilt") && words.contains { word in Self.timeSpanWords.contains { word.hasPrefix($0) } }
        }
    }

    /// What an entry says of doing it for someone else or in person: the items of its requirements,
    /// documents, procedure and notes, and the sentences of its texts, that speak of a power of
    /// attorney, a representative, another person or appearing in person; each once, in that order.
    static func representationItems(of entry: KnowledgeEntry) -> [String] {
        let items = entry.requirements + entry.requiredDocuments + entry.procedure + entry.notes
        let sentences = [entry.summary, entry.fullText ?? ""].flatMap(Self.allSentences)
        var seen: Set<String> = []
        return (items + sentences).filter { text in
            let words = TextNormalizer.tokens(text)
            let speaksOfIt =
                words.contains { word in representationWords.contains { word.hasPrefix($0) } }
                || zip(words, words.dropFirst()).contains { $0 == "andere" && $1.hasPrefix("person") }
            return speaksOfIt && seen.insert(text).inserted
        }
    }

    /// Folded beginnings of words that speak of someone acting for the citizen, or of coming in person.
    private static let representationWords = ["vollmacht", "bevollmacht", "vertret", "vertreter", "personlich", "stellvertret"]

    /// Folded beginnings of words that name a span of time.
    private static let timeSpanWords = ["jahr", "monat", "woche", "tag", "unbegrenzt", "unbefristet", "lebenslang", "dauer"]

    /// The sentences of `text` (a sentence ends with ". ", "! " or "? ").
    static func allSentences(_ text: String) -> [String] {
        var sentences: [String] = []
        var rest = Substring(text)
        while let end = rest.firstRange(of: /[.!?]\s/) {
            sentences.append(String(rest[..<end.upperBound]).trimmingCharacters(in: .whitespaces))
            rest = rest[end.upperBound...]
        }
        let last = rest.trimmingCharacters(in: .whitespaces)
        return last.isEmpty ? sentences : sentences + [last]
    }

    /// The first `count` sentences of `text` (a sentence ends with ". ", "! " or "? ").
    static func sentences(_ text: String, count: Int) -> String {
        var result = ""
        var taken = 0
        var rest = Substring(text)
        while taken < count, let end = rest.firstRange(of: /[.!?]\s/) {
            result += rest[..<end.upperBound]
            rest = rest[end.upperBound...]
            taken += 1
        }
        if taken < count { result += rest }
        return result.trimmingCharacters(in: .whitespaces)
    }

    /// `lines` joined, the last ones left out while the text is longer than `limit` words (the
    /// first two always stay).
    static func fitted(_ lines: [String], limit: Int) -> String {
        var lines = lines
        while lines.count > 2, wordCount(lines.joined(separator: " ")) > limit { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Words of `text`, as a reader counts them: pieces between white space.
    public static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).count
    }

    /// What the assistant says when it does not understand: that it cannot answer, and how to reach the town.
    public func outOfScopeAnswer() -> String {
        guard let department = catalog.fallbackDepartment else { return catalog.text(.notUnderstood) }
        let text = catalog.text(.notUnderstoodTown, ["town": department.address.city])
        return text + "\n\n" + contact(department, lead: catalog.text(.contact))
    }

    /// Name, address, opening hours, phone and e-mail of a department.
    public func contact(_ department: Department, lead: String) -> String {
        var lines = ["\(lead): \(department.name)", department.address.singleLine]
        lines.append("\(catalog.text(.openingHours)):")
        lines += department.openingHours.map { "  \($0)" }
        lines.append("\(catalog.text(.phone)): \(department.phone)")
        lines.append("\(catalog.text(.email)): \(department.email)")
        return lines.joined(separator: "\n")
    }

    private func bulleted(_ title: String, _ items: [String]) -> String {
        ([title + ":"] + items.map { "• \($0)" }).joined(separator: "\n")
    }
}

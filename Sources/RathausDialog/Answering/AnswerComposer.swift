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

    /// The answer for a recognised intent, led by the part the question asked about, if any.
    public func answer(for intentID: String, aspect: Aspect? = nil) -> String {
        composed.answer(for: intentID, aspect: aspect) { compose(for: intentID, aspect: aspect) }
    }

    private func compose(for intentID: String, aspect: Aspect?) -> String {
        if let entry = catalog.knowledge[intentID] {
            return answer(for: entry, aspect: aspect)
        }
        if let template = catalog.intent(intentID)?.answer {
            return AnswerTemplate.render(template, departments: catalog.departments)
        }
        return outOfScopeAnswer()
    }

    /// The answer for a service: summary, costs, documents, deadlines, processing time, responsible
    /// office, online service. With an `aspect`, that part comes first, right after the service's name.
    public func answer(for entry: KnowledgeEntry, aspect: Aspect? = nil) -> String {
        var sections: [(aspect: Aspect?, text: String)] = [(nil, entry.summary)]
        if !entry.costs.isEmpty {
            sections.append((.costs, bulleted("Kosten", entry.costs)))
        }
        if !entry.requiredDocuments.isEmpty {
            sections.append((.documents, bulleted("Erforderliche Unterlagen", entry.requiredDocuments)))
        }
        if !entry.deadlines.isEmpty {
            sections.append((.deadlines, bulleted("Fristen", entry.deadlines)))
        }
        if let time = entry.processingTime {
            sections.append((.duration, "Bearbeitungsdauer: \(time)"))
        }
        if let department = catalog.departments[entry.departmentID] {
            sections.append((.place, contact(department, lead: "Zuständig")))
        }
        if let online = entry.onlineService {
            sections.append((.online, "Online erledigen: \(online.name)\n\(online.url)"))
        }
        var ordered = sections.map(\.text)
        if let aspect {
            if let lead = sections.firstIndex(where: { $0.aspect == aspect }) {
                ordered.remove(at: lead)
                ordered.insert(sections[lead].text, at: 0)
            } else {
                ordered.insert(Self.missing(aspect), at: 0)
            }
        }
        return entry.name + "\n" + ordered.joined(separator: "\n\n")
    }

    /// What to say when the knowledge entry has nothing on the aspect asked about.
    private static func missing(_ aspect: Aspect) -> String {
        switch aspect {
        case .costs: "Zu den Kosten liegen mir keine Angaben vor."
        case .documents: "Besondere Unterlagen sind dafür nicht angegeben."
        case .duration: "Zur Bearbeitungsdauer liegen mir keine Angaben vor."
        case .deadlines: "Besondere Fristen sind dafür nicht angegeben."
        case .place: "Die zuständige Stelle ist nicht angegeben."
        case .online: "Das können Sie leider nicht online erledigen."
        }
    }

    /// What the assistant says when it does not understand: that it cannot answer, and how to reach the town.
    public func outOfScopeAnswer() -> String {
        var text = "Dazu kann ich Ihnen leider nichts sagen. Ich beantworte Fragen zu den Dienstleistungen der Stadt"
        guard let department = catalog.fallbackDepartment else { return text + "." }
        text += " \(department.address.city). Bitte formulieren Sie Ihre Frage anders oder wenden Sie sich direkt an uns."
        return text + "\n\n" + contact(department, lead: "Kontakt")
    }

    /// Name, address, opening hours, phone and e-mail of a department.
    public func contact(_ department: Department, lead: String) -> String {
        var lines = ["\(lead): \(department.name)", department.address.singleLine]
        lines.append("Öffnungszeiten:")
        lines += department.openingHours.map { "  \($0)" }
        lines.append("Telefon: \(department.phone)")
        lines.append("E-Mail: \(department.email)")
        return lines.joined(separator: "\n")
    }

    private func bulleted(_ title: String, _ items: [String]) -> String {
        ([title + ":"] + items.map { "• \($0)" }).joined(separator: "\n")
    }
}

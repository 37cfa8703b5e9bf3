/// Composes the plain-text answers the assistant gives: from a knowledge entry, from an intent's
/// answer template, or the "I don't know" answer naming how to reach the town.
///
/// Texts read well in a terminal: no Markdown, short lines, lists with bullets.
public struct AnswerComposer: Sendable {
    private let catalog: Catalog

    /// Creates a composer for `catalog`.
    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    /// The answer for a recognised intent.
    public func answer(for intentID: String) -> String {
        if let entry = catalog.knowledge[intentID] {
            return answer(for: entry)
        }
        if let template = catalog.intent(intentID)?.answer {
            return AnswerTemplate.render(template, departments: catalog.departments)
        }
        return outOfScopeAnswer()
    }

    /// The answer for a service: summary, costs, documents, processing time, responsible office, online service.
    public func answer(for entry: KnowledgeEntry) -> String {
        var sections: [String] = ["\(entry.name)\n\(entry.summary)"]
        if !entry.costs.isEmpty {
            sections.append(bulleted("Kosten", entry.costs))
        }
        if !entry.requiredDocuments.isEmpty {
            sections.append(bulleted("Erforderliche Unterlagen", entry.requiredDocuments))
        }
        if !entry.deadlines.isEmpty {
            sections.append(bulleted("Fristen", entry.deadlines))
        }
        if let time = entry.processingTime {
            sections.append("Bearbeitungsdauer: \(time)")
        }
        if let department = catalog.departments[entry.departmentID] {
            sections.append(contact(department, lead: "Zuständig"))
        }
        if let online = entry.onlineService {
            sections.append("Online erledigen: \(online.name)\n\(online.url)")
        }
        return sections.joined(separator: "\n\n")
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

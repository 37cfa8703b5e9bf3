/// Checks that span files: departments named by knowledge entries exist, every intent can be
/// answered, every knowledge entry is reachable, and answer placeholders can be filled.
struct CatalogCrossCheck {
    let departments: [String: Department]
    let knowledge: [String: KnowledgeParser.Parsed]
    let intents: [Intent]

    func problems() -> [CatalogProblem] {
        var problems: [CatalogProblem] = []
        let departmentList = departments.keys.sorted().joined(separator: ", ")
        for parsed in knowledge.values where departments[parsed.entry.departmentID] == nil {
            let suggestion = YAMLFieldReader.closest(to: parsed.entry.departmentID, in: departments.keys.sorted())
            problems.append(
                CatalogProblem(
                    code: .unknownDepartment, file: parsed.location.file, line: parsed.departmentLine,
                    message: "Die Stelle '\(parsed.entry.departmentID)' gibt es nicht in Knowledge/stellen/.",
                    fix: (suggestion.map { "Meinten Sie '\($0)'? " } ?? "")
                        + "Vorhandene Stellen: \(departmentList.isEmpty ? "keine" : departmentList)."))
        }
        let intentIDs = Set(intents.map(\.id))
        for intent in intents where knowledge[intent.id] == nil && intent.answer == nil {
            problems.append(
                CatalogProblem(
                    code: .intentWithoutKnowledge, file: intent.source.file, line: intent.source.line,
                    message: "Zum Intent '\(intent.id)' gibt es weder die Datei Knowledge/\(intent.id).yaml noch einen Antworttext.",
                    fix: "Legen Sie Knowledge/\(intent.id).yaml an oder ergänzen Sie beim Intent 'answer: …'."))
        }
        for parsed in knowledge.values where !intentIDs.contains(parsed.entry.id) {
            problems.append(
                CatalogProblem(
                    code: .knowledgeWithoutIntent, file: parsed.location.file, line: parsed.location.line,
                    message: "Zum Eintrag '\(parsed.entry.id)' gibt es keinen Intent mit derselben id.",
                    fix: "Ergänzen Sie in einer Datei unter Intents/ einen Intent '- id: \(parsed.entry.id)' mit Beispielsätzen."))
        }
        if departments[Catalog.fallbackDepartmentID] == nil {
            problems.append(
                CatalogProblem(
                    code: .unknownDepartment, file: "Knowledge/stellen", line: 1,
                    message:
                        "Die Stelle '\(Catalog.fallbackDepartmentID)' fehlt; sie wird genannt, wenn der Assistent eine Frage nicht beantworten kann.",
                    fix: "Legen Sie Knowledge/stellen/\(Catalog.fallbackDepartmentID).yaml an."))
        }
        for intent in intents {
            guard let answer = intent.answer else { continue }
            for placeholder in AnswerTemplate.placeholders(in: answer) where AnswerTemplate.value(for: placeholder, departments: departments) == nil {
                problems.append(
                    CatalogProblem(
                        code: .unknownPlaceholder, file: intent.source.file, line: intent.source.line,
                        message: "Der Platzhalter '{\(placeholder)}' in der Antwort von '\(intent.id)' kann nicht gefüllt werden.",
                        fix:
                            "Schreiben Sie '{stelle.feld}' mit einer vorhandenen Stelle und einem der Felder \(AnswerTemplate.fields.joined(separator: ", "))."
                    ))
            }
        }
        return problems
    }
}

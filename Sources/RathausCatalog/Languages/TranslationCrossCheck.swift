/// Checks every translation against its German file and puts the translations of each language
/// together: the id exists in German, an English list has as many items as the German one, every
/// amount in a translated fee is one of the German fees, and texts in Leichte Sprache keep its rules.
struct TranslationCrossCheck {
    /// What the German catalogue holds, as the checks need it.
    struct German {
        let knowledge: [String: KnowledgeEntry]
        let departments: [String: Department]
        let referrals: [String: Referral]
        let intents: [Intent]
        let forms: [String: FormDefinition]
    }

    let german: German
    /// Every translation file, parsed, with its path.
    let files: [(file: String, parsed: TranslationParser.Parsed)]
    /// Files whose Leichte Sprache is not checked again: a shared catalogue's, checked when the base
    /// itself is loaded or checked, not once more for each of the hundreds of towns over it.
    var checkedElsewhere: Set<String> = []

    /// The translations by language, the problems (each with file and line) and the notes (negations counted).
    func run() -> (translations: [Language: CatalogTranslation], problems: [CatalogProblem], notes: [CatalogProblem]) {
        var translations: [Language: CatalogTranslation] = [:]
        var problems: [CatalogProblem] = [], notes: [CatalogProblem] = []
        // The catalogue's German words split compounds; gathered only when a text is to be checked.
        var rules: EasyLanguageRules?
        for (file, parsed) in files {
            var report = Report(file: file, lines: parsed.lines)
            var translation = translations[parsed.language] ?? CatalogTranslation(language: parsed.language)
            check(parsed, into: &translation, &report)
            if parsed.language == .easyGerman, !checkedElsewhere.contains(file) {
                let easyRules = rules ?? EasyLanguageRules(words: germanWords())
                rules = easyRules
                var negationLines: [Int] = []
                for text in parsed.texts {
                    for finding in easyRules.findings(in: text.text) {
                        report.problem(.easyLanguage, line: text.line, finding.message, fix: finding.fix)
                    }
                    negationLines += Array(repeating: text.line, count: EasyLanguageRules.negationCount(in: text.text))
                }
                if let first = negationLines.first {
                    let lines = Array(Set(negationLines)).sorted().map(String.init).joined(separator: ", ")
                    notes.append(
                        CatalogProblem(
                            code: .negations, file: file, line: first,
                            message: "\(negationLines.count) \(negationLines.count == 1 ? "Verneinung" : "Verneinungen") (Zeilen \(lines)).",
                            fix: "Wo es geht: Sagen Sie, was die Leserin oder der Leser tun soll."))
                }
            }
            translations[parsed.language] = translation
            problems += report.problems
        }
        return (translations, problems, notes)
    }

    /// The problems of one file.
    private struct Report {
        let file: String
        let lines: [String: Int]
        var problems: [CatalogProblem] = []

        mutating func problem(_ code: CatalogProblem.Code = .translationMismatch, line: Int, _ message: String, fix: String) {
            problems.append(CatalogProblem(code: code, file: file, line: line, message: message, fix: fix))
        }

        func line(_ key: String) -> Int { lines[key] ?? 1 }
    }

    private func check(_ parsed: TranslationParser.Parsed, into translation: inout CatalogTranslation, _ report: inout Report) {
        let germanFile = Self.germanFile(of: report.file)
        switch parsed.content {
        case .service(let id, let service):
            guard let entry = german.knowledge[id] else { return missingGerman(id, germanFile, &report) }
            checkService(service, of: entry, language: parsed.language, &report)
            translation.services[id] = service
        case .department(let id, let department):
            guard let original = german.departments[id] else { return missingGerman(id, germanFile, &report) }
            if parsed.language == .english { checkCount(department.hints, original.openingHourHints, "oeffnungszeiten_hinweise", &report) }
            translation.departments[id] = department
        case .referral(let id, let referral):
            guard german.referrals[id] != nil else { return missingGerman(id, germanFile, &report) }
            translation.referrals[id] = referral
        case .intents(let intents, let outOfScope, let synonyms):
            for (id, text) in intents.sorted(by: { $0.key < $1.key }) {
                guard let intent = german.intents.first(where: { $0.id == id }) else {
                    report.problem(
                        line: report.line("intents.\(id)"), "Den Intent '\(id)' gibt es auf Deutsch nicht.",
                        fix: "Übersetzen Sie nur Intents, die in einer deutschen Datei in Intents/ stehen.")
                    continue
                }
                if text.answer != nil, intent.answer == nil {
                    report.problem(
                        line: report.line("intents.\(id).answer"), "Der Intent '\(id)' hat auf Deutsch keinen eigenen Antworttext.",
                        fix:
                            "Er antwortet aus Knowledge/\(id).yaml; übersetzen Sie dort in Knowledge/\(id).\(parsed.language.fileSuffix ?? "en").yaml."
                    )
                }
                translation.intents[id] = text
            }
            translation.outOfScopeExamples += outOfScope
            translation.synonyms.merge(synonyms) { $0 + $1 }
        case .dialog(let texts):
            translation.dialogTexts.merge(texts) { _, new in new }
        case .form(let id, let form):
            guard let original = german.forms[id] else { return missingGerman(id, germanFile, &report) }
            checkForm(form, of: original, &report)
            translation.forms[id] = form
        }
    }

    private func checkService(_ service: CatalogTranslation.Service, of entry: KnowledgeEntry, language: Language, _ report: inout Report) {
        if language == .english {
            checkCount(service.requiredDocuments, entry.requiredDocuments, "erforderliche_unterlagen", &report)
            checkCount(service.requirements, entry.requirements, "voraussetzungen", &report)
            checkCount(service.costs, entry.costs, "kosten", &report)
            checkCount(service.deadlines, entry.deadlines, "fristen", &report)
            checkCount(service.procedure, entry.procedure, "verfahrensablauf", &report)
            checkCount(service.notes, entry.notes, "hinweise", &report)
            checkCount(service.formNames, entry.forms.map(\.name), "formulare", &report)
        }
        if language == .easyGerman {
            let required: [(key: String, present: Bool, inGerman: Bool)] = [
                ("leistungsbezeichnung", service.name != nil, true), ("kurztext", service.summary != nil, true),
                ("erforderliche_unterlagen", service.requiredDocuments != nil, !entry.requiredDocuments.isEmpty),
                ("kosten", service.costs != nil, !entry.costs.isEmpty),
            ]
            for field in required where field.inGerman && !field.present {
                report.problem(
                    line: service.source.line, "In Leichter Sprache fehlt '\(field.key)'.",
                    fix: "Jede Leistung sagt in Leichter Sprache, was sie ist, was man mitbringt und was sie kostet.")
            }
        }
        if service.onlineServiceName != nil, entry.onlineService == nil {
            report.problem(
                line: report.line("onlinedienst"), "Die deutsche Datei hat keinen Online-Dienst.",
                fix: "Entfernen Sie 'onlinedienst' oder tragen Sie ihn zuerst in Knowledge/\(entry.id).yaml ein.")
        }
        let germanAmounts = Set(entry.costs.flatMap { MoneyAmounts.numbers(in: $0) })
        for line in service.costs ?? [] {
            for amount in MoneyAmounts.in(line) where !germanAmounts.contains(amount) {
                report.problem(
                    line: report.line("kosten"), "Den Betrag \(MoneyAmounts.written(amount)) gibt es in den deutschen Kosten nicht.",
                    fix: "Beträge stehen in Knowledge/\(entry.id).yaml; übernehmen Sie sie von dort, ohne sie zu ändern.")
            }
        }
    }

    private func checkForm(_ form: CatalogTranslation.Form, of original: FormDefinition, _ report: inout Report) {
        for (fieldID, field) in form.fields.sorted(by: { $0.key < $1.key }) {
            guard let germanField = original.field(fieldID) else {
                report.problem(
                    line: report.line("fields.\(fieldID)"), "Das Feld '\(fieldID)' gibt es im deutschen Formular nicht.",
                    fix: "Felder: \(original.fields.map(\.id).joined(separator: ", ")).")
                continue
            }
            let optionIDs = germanField.kind.options?.map(\.id) ?? []
            for optionID in field.options.keys.sorted() where !optionIDs.contains(optionID) {
                report.problem(
                    line: report.line("fields.\(fieldID).options.\(optionID)"),
                    "Die Auswahl '\(optionID)' gibt es im Feld '\(fieldID)' nicht.",
                    fix: optionIDs.isEmpty ? "Das Feld hat keine Auswahl." : "Auswahlen: \(optionIDs.joined(separator: ", ")).")
            }
        }
    }

    private func checkCount(_ translated: [String]?, _ original: [String], _ key: String, _ report: inout Report) {
        guard let translated, translated.count != original.count else { return }
        report.problem(
            line: report.line(key), "Die Liste '\(key)' hat \(translated.count) Einträge, die deutsche \(original.count).",
            fix: "Übersetzen Sie jeden Eintrag der deutschen Liste, in derselben Reihenfolge.")
    }

    private func missingGerman(_ id: String, _ germanFile: String, _ report: inout Report) {
        report.problem(
            line: report.line("id"), "Zu '\(id)' gibt es keine deutsche Datei \(germanFile).",
            fix: "Eine Übersetzung steht neben der deutschen Datei und hat deren id.")
    }

    /// `Knowledge/x.en.yaml` → `Knowledge/x.yaml`.
    static func germanFile(of file: String) -> String {
        guard let language = Language.ofFile(file), let suffix = language.fileSuffix else { return file }
        for ending in [".yaml", ".yml"] where file.hasSuffix(".\(suffix)\(ending)") {
            return String(file.dropLast(suffix.count + 1 + ending.count)) + ending
        }
        return file
    }

    /// The catalogue's German words of three letters or more, in lower case: the parts compounds are made of.
    private func germanWords() -> Set<String> {
        var texts: [String] = []
        for entry in german.knowledge.values {
            texts +=
                [entry.name, entry.summary, entry.fullText ?? "", entry.processingTime ?? ""] + entry.synonyms + entry.requiredDocuments
                + entry.requirements + entry.costs + entry.deadlines + entry.procedure + entry.notes
        }
        for form in german.forms.values {
            texts += [form.title, form.purpose, form.nextSteps] + form.fields.flatMap { [$0.label, $0.prompt, $0.help] + $0.aliases }
        }
        texts += german.departments.values.flatMap { [$0.name] + $0.names }
        texts += german.intents.flatMap { $0.examples + [$0.answer ?? ""] }
        var words: Set<String> = []
        for text in texts {
            for word in EasyLanguageRules.words(of: text) {
                for part in word.split(separator: "-") where part.count >= EasyLanguageRules.shortestPart {
                    words.insert(part.lowercased())
                }
            }
        }
        return words
    }
}

extension Catalog {
    /// The catalogue with the texts of `language` where its translation has them and the German
    /// ones elsewhere: the same ids, facts, fields and values, so that a conversation can change
    /// language and keep everything it has. A knowledge entry lists in
    /// ``KnowledgeEntry/untranslated`` the parts it had to take from German.
    ///
    /// English replaces the examples, out-of-scope examples and synonyms it has (its own matcher
    /// learns from them); Leichte Sprache is German and keeps the German ones.
    public func localized(to language: Language) -> Catalog {
        guard language != self.language, language != .german || self.language == .german else { return self }
        let translation = translations[language] ?? CatalogTranslation(language: language)
        let ownExamples = language == .english
        let texts = DialogTexts(language: language, translated: translation.dialogTexts)
        let intents = self.intents.map { intent -> Intent in
            if let original = referrals[intent.id] {
                let text = translation.referrals[original.id]
                let referral = text.map { localized(original, $0, language) } ?? original
                let examples = ownExamples && !(text?.examples.isEmpty ?? true) ? referral.examples : intent.examples
                return Intent(id: intent.id, examples: examples, answer: referral.answer(texts: texts), source: intent.source)
            }
            let text = translation.intents[intent.id]
            let examples = ownExamples && !(text?.examples.isEmpty ?? true) ? text!.examples : intent.examples
            return Intent(id: intent.id, examples: examples, answer: text?.answer ?? intent.answer, source: intent.source)
        }
        return Catalog(
            departments: departments.mapValues { localized($0, translation.departments[$0.id], language) },
            knowledge: knowledge.mapValues { localized($0, translation.services[$0.id], language) },
            intents: intents,
            outOfScopeExamples: ownExamples && !translation.outOfScopeExamples.isEmpty ? translation.outOfScopeExamples : outOfScopeExamples,
            synonyms: ownExamples && !translation.synonyms.isEmpty ? translation.synonyms : synonyms,
            forms: forms.mapValues { localized($0, translation.forms[$0.id]) },
            referrals: referrals.mapValues { referral in
                translation.referrals[referral.id].map { localized(referral, $0, language) } ?? referral
            },
            town: town, translations: translations, language: language)
    }

    private func localized(_ entry: KnowledgeEntry, _ text: CatalogTranslation.Service?, _ language: Language) -> KnowledgeEntry {
        var untranslated: Set<String> = []
        func pick<Value>(_ translated: Value?, _ german: Value, _ key: String, isEmpty: (Value) -> Bool) -> Value {
            if let translated { return translated }
            if !isEmpty(german) { untranslated.insert(key) }
            return german
        }
        let formNames = text?.formNames
        let forms = entry.forms.enumerated().map { index, link in
            KnowledgeEntry.Link(name: formNames.flatMap { index < $0.count ? $0[index] : nil } ?? link.name, url: link.url)
        }
        var localized = KnowledgeEntry(
            id: entry.id, serviceKey: entry.serviceKey,
            name: pick(text?.name, entry.name, "leistungsbezeichnung", isEmpty: \.isEmpty),
            synonyms: language == .english && !(text?.synonyms.isEmpty ?? true) ? text!.synonyms : entry.synonyms,
            summary: pick(text?.summary, entry.summary, "kurztext", isEmpty: \.isEmpty),
            fullText: text?.fullText ?? (text == nil ? entry.fullText : nil),
            requiredDocuments: pick(text?.requiredDocuments, entry.requiredDocuments, "erforderliche_unterlagen", isEmpty: \.isEmpty),
            requirements: pick(text?.requirements, entry.requirements, "voraussetzungen", isEmpty: \.isEmpty),
            costs: pick(text?.costs, entry.costs, "kosten", isEmpty: \.isEmpty),
            processingTime: pick(text?.processingTime, entry.processingTime, "bearbeitungsdauer", isEmpty: { $0 == nil }),
            deadlines: pick(text?.deadlines, entry.deadlines, "fristen", isEmpty: \.isEmpty),
            procedure: pick(text?.procedure, entry.procedure, "verfahrensablauf", isEmpty: \.isEmpty),
            forms: forms,
            onlineService: entry.onlineService.map { KnowledgeEntry.Link(name: text?.onlineServiceName ?? $0.name, url: $0.url) },
            legalBases: entry.legalBases,
            notes: pick(text?.notes, entry.notes, "hinweise", isEmpty: \.isEmpty),
            departmentID: entry.departmentID)
        localized.language = language
        localized.untranslated = untranslated
        return localized
    }

    private func localized(_ department: Department, _ text: CatalogTranslation.Department?, _ language: Language) -> Department {
        guard text != nil || language == .english else { return department }
        let names = (text?.names ?? []) + department.names
        let name = text?.name ?? department.name
        guard let hours = department.hours else {
            return Department(
                id: department.id, name: name, address: department.address, openingHours: department.openingHours,
                phone: department.phone, email: department.email, names: names)
        }
        return Department(
            id: department.id, name: name, address: department.address, hours: hours, hints: text?.hints ?? department.openingHourHints,
            phone: department.phone, email: department.email, names: names, language: language)
    }

    private func localized(_ referral: Referral, _ text: CatalogTranslation.Referral, _ language: Language) -> Referral {
        Referral(
            id: referral.id, name: text.name ?? referral.name, responsibleFor: text.responsibleFor ?? referral.responsibleFor,
            phone: referral.phone, website: referral.website, note: text.note ?? (text.name == nil ? referral.note : nil),
            examples: language == .english && !text.examples.isEmpty ? text.examples : referral.examples,
            keywords: language == .english ? text.keywords : referral.keywords, source: referral.source)
    }

    private func localized(_ form: FormDefinition, _ text: CatalogTranslation.Form?) -> FormDefinition {
        guard let text else { return form }
        let fields = form.fields.map { field -> FormField in
            guard let translated = text.fields[field.id] else { return field }
            return FormField(
                id: field.id, kind: localized(field.kind, translated), label: translated.label ?? field.label,
                aliases: translated.aliases + field.aliases, prompt: translated.prompt ?? field.prompt, help: translated.help ?? field.help,
                isRequired: field.isRequired, isPersonal: field.isPersonal, condition: field.condition)
        }
        return FormDefinition(
            id: form.id, title: text.title ?? form.title, department: form.department, schemaVersion: form.schemaVersion,
            purpose: text.purpose ?? form.purpose, nextSteps: text.nextSteps ?? form.nextSteps, fields: fields,
            transcriptConsentField: form.transcriptConsentField, source: form.source)
    }

    private func localized(_ kind: FieldKind, _ text: CatalogTranslation.Field) -> FieldKind {
        switch kind {
        case .choice(let options):
            return .choice(
                options.map { option in
                    let translated = text.options[option.id]
                    return ChoiceOption(
                        id: option.id, label: translated?.label ?? option.label, synonyms: (translated?.synonyms ?? []) + option.synonyms)
                })
        case .number(let min, let max, let integer, let unit):
            return .number(min: min, max: max, integer: integer, unit: text.unit ?? unit)
        default:
            return kind
        }
    }
}

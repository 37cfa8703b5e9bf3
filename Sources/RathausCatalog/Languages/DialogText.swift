import Foundation

/// The texts Rathaus says around the catalogue's own (labels of an answer's parts, the offer of a
/// form, a change of language …), by key, with the German text as written here. A translation
/// gives its own in `Intents/dialog.en.yaml` or `Intents/dialog.ls.yaml` (`key: text`); a key it
/// lacks is said in German. `{name}` in a text is filled in when it is said.
public enum DialogText: String, Sendable, CaseIterable {
    case languageSwitched = "language_switched"
    case untranslatedPart = "untranslated_part"
    case costs, documents, requiredDocuments = "required_documents", deadlines, requirements, procedure, legalBases = "legal_bases"
    case validity, representation, processingTime = "processing_time", onlineService = "online_service", responsible, address
    case openingHours = "opening_hours", phone, email, notes, forms, contact, online
    case notOnline = "not_online", applyInChat = "apply_in_chat", remainder, moreCosts = "more_costs"
    case notUnderstood = "not_understood", notUnderstoodTown = "not_understood_town"
    case formOffer = "form_offer", offerDeclined = "offer_declined", clarification, whichService = "which_service"
    case suggestApply = "suggest_apply", suggestDocuments = "suggest_documents", suggestDocumentsText = "suggest_documents_text"
    case suggestCosts = "suggest_costs", suggestCostsText = "suggest_costs_text", suggestHours = "suggest_hours"
    case suggestHoursText = "suggest_hours_text", suggestOnline = "suggest_online", suggestOnlineText = "suggest_online_text"
    case suggestEverything = "suggest_everything", yes
    case missingCosts = "missing_costs", missingDocuments = "missing_documents", missingDuration = "missing_duration"
    case missingDeadlines = "missing_deadlines", missingRequirements = "missing_requirements", missingProcedure = "missing_procedure"
    case missingDepartment = "missing_department", missingOnline = "missing_online", missingLegal = "missing_legal"
    case missingValidity = "missing_validity", missingRepresentation = "missing_representation", missingAnything = "missing_anything"
    case emptyMessage = "empty_message"
    case webWelcome = "web_welcome", terminalWelcome = "terminal_welcome", moreOnThis = "more_on_this"

    /// The German text.
    public var german: String {
        switch self {
        case .languageSwitched: "Gern, ich antworte ab jetzt auf Deutsch."
        case .untranslatedPart: "Diesen Teil gibt es nur auf Deutsch."
        case .costs: "Kosten"
        case .documents: "Unterlagen"
        case .requiredDocuments: "Erforderliche Unterlagen"
        case .deadlines: "Fristen"
        case .requirements: "Voraussetzungen"
        case .procedure: "Ablauf"
        case .legalBases: "Rechtsgrundlagen"
        case .validity: "Gültigkeit"
        case .representation: "Vertretung"
        case .processingTime: "Bearbeitungsdauer"
        case .onlineService: "Online erledigen"
        case .responsible: "Zuständig"
        case .address: "Anschrift"
        case .openingHours: "Öffnungszeiten"
        case .phone: "Telefon"
        case .email: "E-Mail"
        case .notes: "Hinweise"
        case .forms: "Formulare"
        case .contact: "Kontakt"
        case .online: "Online"
        case .notOnline: "Das können Sie nicht online erledigen."
        case .applyInChat: "Den Antrag können Sie hier im Chat stellen."
        case .remainder: "und {count} weitere („Alles anzeigen“)"
        case .moreCosts: "und {count} weitere Angaben"
        case .notUnderstood: "Dazu kann ich Ihnen leider nichts sagen. Ich beantworte Fragen zu den Dienstleistungen der Stadt."
        case .notUnderstoodTown:
            "Dazu kann ich Ihnen leider nichts sagen. Ich beantworte Fragen zu den Dienstleistungen der Stadt {town}. "
                + "Bitte formulieren Sie Ihre Frage anders oder wenden Sie sich direkt an uns."
        case .formOffer: "Sie können den Antrag „{title}“ gleich hier stellen. Möchten Sie das? (Ja/Nein)"
        case .offerDeclined: "In Ordnung. Fragen Sie gern weiter."
        case .clarification: "Meinten Sie „{first}“ oder „{second}“?"
        case .whichService: "Zu welcher Leistung ist Ihre Frage? Nennen Sie sie bitte, z. B. „Was kostet ein Reisepass?“."
        case .suggestApply: "Antrag stellen"
        case .suggestDocuments: "Unterlagen"
        case .suggestDocumentsText: "Welche Unterlagen brauche ich?"
        case .suggestCosts: "Kosten"
        case .suggestCostsText: "Was kostet das?"
        case .suggestHours: "Öffnungszeiten"
        case .suggestHoursText: "Wann ist dort geöffnet?"
        case .suggestOnline: "Online erledigen"
        case .suggestOnlineText: "Kann ich das online erledigen?"
        case .suggestEverything: "Alles anzeigen"
        case .yes: "Ja"
        case .missingCosts: "Zu den Kosten liegen mir keine Angaben vor."
        case .missingDocuments: "Besondere Unterlagen sind dafür nicht angegeben."
        case .missingDuration: "Zur Bearbeitungsdauer liegen mir keine Angaben vor."
        case .missingDeadlines: "Besondere Fristen sind dafür nicht angegeben."
        case .missingRequirements: "Besondere Voraussetzungen sind dafür nicht angegeben."
        case .missingProcedure: "Zum Ablauf liegen mir keine Angaben vor."
        case .missingDepartment: "Die zuständige Stelle ist nicht angegeben."
        case .missingOnline: "Das können Sie leider nicht online erledigen."
        case .missingLegal: "Zur Rechtsgrundlage liegen mir keine Angaben vor."
        case .missingValidity: "Zur Gültigkeit liegen mir keine Angaben vor."
        case .missingRepresentation:
            "Ob Sie sich vertreten lassen können, steht nicht in meinen Angaben. Fragen Sie bitte die zuständige Stelle."
        case .missingAnything: "Dazu liegen mir keine Angaben vor."
        case .emptyMessage: "Bitte schreiben Sie Ihre Frage."
        case .moreOnThis: "Mehr dazu"
        case .webWelcome:
            "Guten Tag! Ich bin der digitale Assistent der Stadt {town}. Stellen Sie Ihre Frage in eigenen Worten, "
                + "zum Beispiel „Was kostet ein Reisepass?“."
        case .terminalWelcome:
            """
            Willkommen beim digitalen Assistenten der Stadt {town}.
            Stellen Sie Ihre Frage in eigenen Worten, z. B. „Was kostet ein Reisepass?“.
            Datenschutz: Fragen beantworte ich anonym. Nur wenn Sie einen Antrag stellen, speichere ich die Angaben, die er braucht.
            Beenden mit „tschüss“ oder Strg+D.
            """
        }
    }
}

extension Catalog {
    /// The text of `key` in this catalogue's language (German when the translation lacks it),
    /// with each `{name}` replaced by `values[name]`.
    public func text(_ key: DialogText, _ values: [String: String] = [:]) -> String {
        var text = translations[language]?.dialogTexts[key.rawValue] ?? key.german
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }
}

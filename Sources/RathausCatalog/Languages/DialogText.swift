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
    case notUnderstood = "not_understood", notUnderstoodTown = "not_understood_town", serviceNotOffered = "service_not_offered"
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
    // The form dialog.
    case formIntro = "form_intro", correctionExample = "correction_example", formClosed = "form_closed"
    case formCancelled = "form_cancelled", formGoesOn = "form_goes_on", confirmCancel = "confirm_cancel", formWaits = "form_waits"
    case continueForm = "continue_form", thanks, consentRefused = "consent_refused", consentYesNo = "consent_yes_no"
    case whatToChange = "what_to_change", summaryYesOrChange = "summary_yes_or_change", cannotSkip = "cannot_skip"
    case notWorking = "not_working", documentReceived = "document_received", firstQuestion = "first_question", backTo = "back_to"
    case previousValue = "previous_value", changed, keptValue = "kept_value", againPlease = "again_please"
    case optionalHint = "optional_hint", uploadHint = "upload_hint", privacyNotice = "privacy_notice"
    case privacyQuestion = "privacy_question", summaryIntro = "summary_intro", summaryQuestion = "summary_question"
    case submitted, notificationOffer = "notification_offer", notStored = "not_stored", continueWithForm = "continue_with_form"
    case yesWord = "yes_word", noWord = "no_word", timeOfDay = "time_of_day"
    // What is wrong with an answer.
    case needFile = "need_file", textEmpty = "text_empty", textTooShort = "text_too_short", textTooLong = "text_too_long"
    case invalidName = "invalid_name", invalidDate = "invalid_date", ambiguousDate = "ambiguous_date", datePast = "date_past"
    case dateTooEarly = "date_too_early", dateFuture = "date_future", dateTooLate = "date_too_late", invalidTime = "invalid_time"
    case timeTooEarly = "time_too_early", timeTooLate = "time_too_late", numberExample = "number_example"
    case numberExampleUnit = "number_example_unit", invalidNumber = "invalid_number", notInteger = "not_integer"
    case numberTooSmall = "number_too_small", numberTooLarge = "number_too_large", invalidPostalCode = "invalid_postal_code"
    case postalCodeElsewhere = "postal_code_elsewhere", invalidStreet = "invalid_street", invalidEmail = "invalid_email"
    case invalidPhone = "invalid_phone", ibanFormat = "iban_format", ibanCountry = "iban_country", ibanLength = "iban_length"
    case ibanChecksum = "iban_checksum", ibanCountries = "iban_countries", invalidChoice = "invalid_choice"
    case answerYesNo = "answer_yes_no"
    // Opening hours for a day.
    case openNow = "open_now", closedNow = "closed_now", openOn = "open_on", closedOn = "closed_on", holidayNote = "holiday_note"
    case timeRange = "time_range", and, nextOpening = "next_opening", noOpening = "no_opening"
    // A person to talk to, feedback.
    case humanAsked = "human_asked", humanMisunderstood = "human_misunderstood", humanNotHelpful = "human_not_helpful"
    case callbackOffer = "callback_offer", phoneNow = "phone_now", phoneUnreachable = "phone_unreachable", phoneAgain = "phone_again"
    case feedbackThanks = "feedback_thanks", feedbackSorry = "feedback_sorry", feedbackSorryContact = "feedback_sorry_contact"
    case conversationDeleted = "conversation_deleted", referral, website

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
        case .serviceNotOffered:
            "„{service}“ bietet die Stadt {town} nicht an. Wer dafür zuständig ist, sagt Ihnen: {department}."
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
        case .formIntro:
            "Gut, ich nehme Ihren Antrag „{title}“ auf. Sie können jederzeit „zurück“, „hilfe“ oder „abbrechen“ "
                + "schreiben oder eine Angabe korrigieren, zum Beispiel „{example}“."
        case .correctionExample: "{label} ist falsch"
        case .formClosed: "Dieser Antrag ist abgeschlossen."
        case .formCancelled: "Der Antrag ist abgebrochen. Ich habe alle Ihre Angaben gelöscht."
        case .formGoesOn: "Gut, wir machen weiter."
        case .confirmCancel: "Möchten Sie den Antrag wirklich abbrechen? Dann lösche ich alle Ihre Angaben. (Ja/Nein)"
        case .formWaits: "In Ordnung. Ihr Antrag wartet; schreiben Sie „weiter“, um fortzufahren, oder „abbrechen“."
        case .continueForm: "Möchten Sie mit Ihrem Antrag „{title}“ weitermachen? (Ja/Nein)"
        case .thanks: "Danke."
        case .consentRefused:
            "In Ordnung. Ohne Ihr Einverständnis kann ich den Antrag hier nicht aufnehmen; ich habe alle Angaben "
                + "gelöscht. Sie können ihn auch direkt bei {department} stellen: {contact}"
        case .consentYesNo: "Bitte antworten Sie mit Ja oder Nein: Sind Sie mit der Verarbeitung Ihrer Angaben für diesen Antrag einverstanden?"
        case .whatToChange: "Was soll ich ändern? Nennen Sie die Angabe, zum Beispiel „{example}“."
        case .summaryYesOrChange: "Bitte antworten Sie mit „Ja“ zum Absenden oder nennen Sie, was ich ändern soll."
        case .cannotSkip: "Diese Angabe braucht der Antrag; überspringen geht hier leider nicht."
        case .notWorking: "Das scheint nicht zu klappen. {help} Wenn Sie möchten, hilft Ihnen auch {department} weiter: {contact}"
        case .documentReceived: "Danke, „{label}“ ist da ({summary})."
        case .firstQuestion: "Das ist die erste Frage."
        case .backTo: "Zurück zu „{label}“."
        case .previousValue: "Bisher: {value}."
        case .changed: "Ich habe „{label}“ geändert: {value}."
        case .keptValue: "Ich habe die bisherige Angabe behalten: {value}."
        case .againPlease: "Gut, dann bitte noch einmal:"
        case .optionalHint: "(Freiwillig: Schreiben Sie „überspringen“, wenn Sie das nicht angeben möchten.)"
        case .uploadHint: "Im Chatfenster wählen Sie die Datei mit „Datei auswählen“, im Terminal schreiben Sie „datei: “ und den Pfad."
        case .privacyNotice:
            "Bevor ich nach persönlichen Angaben frage, zum Datenschutz: {purpose} Empfänger ist {department}. "
                + "Ich frage nur, was der Antrag braucht. Einen Entwurf, den Sie nicht absenden, lösche ich nach {days} Tagen. "
                + "Sind Sie damit einverstanden? (Ja/Nein)"
        case .privacyQuestion: "Sind Sie mit der Verarbeitung Ihrer Angaben für den Antrag „{title}“ einverstanden? (Ja/Nein)"
        case .summaryIntro: "Bitte prüfen Sie Ihre Angaben zum Antrag „{title}“:"
        case .summaryQuestion: "Ist alles richtig? Antworten Sie mit „Ja“ zum Absenden oder nennen Sie, was ich ändern soll."
        case .submitted:
            "Vielen Dank! Ihr Antrag ist eingegangen. Ihre Vorgangsnummer lautet {reference}. Er geht an: {department}. {next_steps}"
        case .notificationOffer: "Möchten Sie eine E-Mail an {address} bekommen, wenn sich der Stand Ihres Antrags ändert? (Ja/Nein)"
        case .notStored:
            "Ihr Antrag konnte gerade nicht gespeichert werden; es ging nichts verloren. Bitte versuchen Sie es in "
                + "einigen Minuten noch einmal mit „Ja“."
        case .continueWithForm: "Weiter mit Ihrem Antrag: {question}"
        case .yesWord: "Ja"
        case .noWord: "Nein"
        case .timeOfDay: "{time} Uhr"
        case .needFile: "Hier brauche ich eine Datei. {upload_hint} {allowed}"
        case .textEmpty: "Bitte schreiben Sie etwas dazu."
        case .textTooShort: "Das ist zu kurz: Bitte schreiben Sie mindestens {min} Zeichen."
        case .textTooLong: "Das ist zu lang: Bitte schreiben Sie höchstens {max} Zeichen (jetzt {count})."
        case .invalidName: "Ein Name besteht aus Buchstaben, Leerzeichen und Bindestrichen, zum Beispiel „Anna Müller-Schmidt“."
        case .invalidDate: "Das habe ich nicht als Datum erkannt. Schreiben Sie es bitte so: 3.4.2027, „3. April“ oder „nächsten Montag“."
        case .ambiguousDate: "Das habe ich nicht als Datum erkannt. Schreiben Sie es bitte so: 3.4.2027, „3. April“ oder „nächsten Montag“."
        case .datePast: "Der {date} liegt in der Vergangenheit. Bitte nennen Sie ein Datum ab heute."
        case .dateTooEarly: "Der {date} ist zu früh: Das Datum muss frühestens der {earliest} sein."
        case .dateFuture: "Der {date} liegt in der Zukunft. Bitte nennen Sie ein Datum bis heute."
        case .dateTooLate: "Der {date} ist zu spät: Das Datum darf höchstens der {latest} sein."
        case .invalidTime: "Das habe ich nicht als Uhrzeit erkannt. Schreiben Sie sie bitte so: 14:30 oder „9 Uhr“."
        case .timeTooEarly: "{time} Uhr ist zu früh: frühestens {earliest} Uhr."
        case .timeTooLate: "{time} Uhr ist zu spät: spätestens {latest} Uhr."
        case .numberExample: "zum Beispiel „2“"
        case .numberExampleUnit: "zum Beispiel „2 {unit}“"
        case .invalidNumber: "Bitte geben Sie eine Zahl an, {example}."
        case .notInteger: "Bitte geben Sie eine ganze Zahl an, {example}."
        case .numberTooSmall: "{number} ist zu wenig: mindestens {min}."
        case .numberTooLarge: "{number} ist zu viel: höchstens {max}."
        case .invalidPostalCode: "Eine Postleitzahl hat genau 5 Ziffern, zum Beispiel 12345."
        case .postalCodeElsewhere: "Die Postleitzahl {code} liegt nicht in Musterstadt. Möglich sind: {allowed}."
        case .invalidStreet: "Bitte nennen Sie Straße und Hausnummer, zum Beispiel „Hauptstraße 5a“."
        case .invalidEmail: "Das ist keine gültige E-Mail-Adresse. Sie sieht so aus: name@beispiel.de."
        case .invalidPhone: "Bitte geben Sie eine deutsche Telefonnummer an, zum Beispiel 0123 456789 oder +49 123 456789."
        case .ibanFormat: "Eine IBAN besteht aus zwei Buchstaben für das Land und Ziffern, zum Beispiel DE89 3704 0044 0532 0130 00."
        case .ibanCountry: "„{country}“ ist kein Ländercode einer IBAN. Eine deutsche IBAN beginnt mit DE."
        case .ibanLength: "{name} hat {expected} Zeichen, Ihre hat {actual}. Bitte prüfen Sie, ob eine Ziffer fehlt oder zu viel ist."
        case .ibanChecksum:
            "Die Prüfziffer der IBAN stimmt nicht: Wahrscheinlich ist eine Ziffer vertauscht oder falsch. Bitte prüfen Sie die IBAN."
        case .ibanCountries: "Hier ist nur eine IBAN aus {countries} möglich."
        case .invalidChoice: "Bitte wählen Sie eine der Möglichkeiten, mit der Nummer oder dem Namen: {options}."
        case .answerYesNo: "Bitte antworten Sie mit Ja oder Nein."
        case .openNow: "{department}: jetzt geöffnet, heute bis {time} Uhr."
        case .closedNow: "{department}: jetzt geschlossen."
        case .openOn: "{department}: am {day}, geöffnet {times}."
        case .closedOn: "{department}: am {day}, geschlossen{holiday}."
        case .holidayNote: "(Feiertag: {name})"
        case .timeRange: "von {opens} bis {closes} Uhr"
        case .and: "und"
        case .nextOpening: "Nächste Öffnung: {day}, {time} Uhr."
        case .noOpening: "In den nächsten Wochen ist keine Öffnung eingetragen."
        case .humanAsked: "Gern hilft Ihnen eine Mitarbeiterin oder ein Mitarbeiter weiter."
        case .humanMisunderstood: "Ich habe Sie leider mehrmals nicht verstanden. Eine Mitarbeiterin oder ein Mitarbeiter hilft Ihnen gern weiter."
        case .humanNotHelpful: "Das tut mir leid. Eine Mitarbeiterin oder ein Mitarbeiter hilft Ihnen gern weiter."
        case .callbackOffer: "Möchten Sie um einen Rückruf oder eine E-Mail bitten? (Ja/Nein)"
        case .phoneNow: "Telefonisch erreichen Sie {department} jetzt, heute bis {time} Uhr: {phone}."
        case .phoneUnreachable: "{department} ist zurzeit telefonisch nicht erreichbar."
        case .phoneAgain: "Telefonisch erreichen Sie {department} wieder am {day} ab {time} Uhr."
        case .feedbackThanks: "Danke für Ihre Rückmeldung!"
        case .conversationDeleted: "Ich habe dieses Gespräch mit allen Ihren Angaben gelöscht."
        case .referral: "Dafür ist die Stadt nicht zuständig. Für {responsible_for} ist {name} zuständig."
        case .website: "Internet"
        case .feedbackSorry: "Danke für Ihre Rückmeldung. Das tut mir leid. Formulieren Sie Ihre Frage gern anders."
        case .feedbackSorryContact:
            "Danke für Ihre Rückmeldung. Das tut mir leid. Formulieren Sie Ihre Frage gern anders, oder wenden Sie sich an "
                + "{department}: Telefon {phone}, E-Mail {email}."
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

/// The dialog's texts in one language: a value that travels with a form's context.
public struct DialogTexts: Sendable, Hashable {
    /// The language of the texts.
    public let language: Language
    /// The texts by key where the translation has them.
    private let texts: [String: String]

    /// The texts of `language`, from `translated` (keys of ``DialogText``); German where missing.
    public init(language: Language = .german, translated: [String: String] = [:]) {
        self.language = language
        self.texts = translated
    }

    /// German.
    public static let german = DialogTexts()

    /// The text of `key`, with each `{name}` replaced by `values[name]`.
    public func callAsFunction(_ key: DialogText, _ values: [String: String] = [:]) -> String {
        let text = texts[key.rawValue] ?? key.german
        return values.isEmpty ? text : Self.filled(text, with: values)
    }

    /// `template` with each `{name}` that `values` has replaced by its value, in one pass (a value
    /// is never searched for names); other braces stay as written.
    static func filled(_ template: String, with values: [String: String]) -> String {
        var filled = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            filled += rest[..<open]
            filled += values[String(rest[rest.index(after: open)..<close])] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return filled + rest
    }

    /// A date as people of this language write it: "03.04.2027", "3 April 2027".
    public func date(_ date: CalendarDate) -> String {
        language == .english ? date.english : date.german
    }
}

extension Catalog {
    /// The dialog's texts in this catalogue's language.
    public var dialogTexts: DialogTexts {
        DialogTexts(language: language, translated: translations[language]?.dialogTexts ?? [:])
    }

    /// The text of `key` in this catalogue's language (German when the translation lacks it),
    /// with each `{name}` replaced by `values[name]`.
    public func text(_ key: DialogText, _ values: [String: String] = [:]) -> String {
        dialogTexts(key, values)
    }
}

import RathausCatalog

/// The words that steer the form dialog: abbrechen, zurück, hilfe, überspringen, weiter, and
/// what reads as a correction.
extension FormDialog {

    static func isCancel(_ words: [String]) -> Bool {
        words.count <= 4 && words.contains { ["abbrechen", "abbruch", "stopp", "stop", "aufhoren", "aufhoeren", "cancel", "quit"].contains($0) }
    }

    static func isBack(_ words: [String]) -> Bool {
        words.count <= 3 && words.contains { ["zuruck", "zurueck", "back", "previous"].contains($0) }
    }

    static func isHelp(_ words: [String]) -> Bool {
        words.count <= 5 && (words.contains { ["hilfe", "wozu", "warum", "wieso", "weshalb", "help", "why"].contains($0) })
    }

    static func isSkip(_ words: [String]) -> Bool {
        words.count <= 3
            && words.contains { ["uberspringen", "ueberspringen", "weiter", "skip", "keine", "nichts", "egal", "none", "nothing"].contains($0) }
    }

    /// A message that is plainly a correction: it starts with "mein", "meine", "unsere" … or says
    /// "falsch" in a few words.
    static func isPlainCorrection(_ words: [String]) -> Bool {
        guard let first = words.first else { return false }
        return ["mein", "meine", "meinen", "unser", "unsere", "korrektur", "korrigiere", "andere", "aendere", "my", "our", "change"]
            .contains(first) || words.count <= 5 && words.contains { ["falsch", "andern", "aendern", "korrigieren", "wrong"].contains($0) }
    }

    /// "PLZ: 12346": a field's name, a colon and a value.
    static func isLabelledValue(_ text: String, in form: FormDefinition) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let name = TextNormalizer.tokens(String(text[..<colon])).joined(separator: " ")
        return form.fields.contains { field in
            ([field.label, field.id.replacingOccurrences(of: "_", with: " ")] + field.aliases)
                .contains { TextNormalizer.tokens($0).joined(separator: " ") == name }
        }
    }

    static func isContinue(_ words: [String]) -> Bool {
        words.count <= 4 && words.contains { ["weiter", "weitermachen", "fortfahren", "fortsetzen", "continue", "resume"].contains($0) }
    }
}

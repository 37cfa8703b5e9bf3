import ArgumentParser
import Foundation
import RathausDialog
import RathausUnderstanding

/// `rathaus ask TEXT`: answers one question and exits.
struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Beantwortet eine einzelne Frage.")

    @Argument(help: "Die Frage, z. B. \"Was kostet ein Reisepass?\".") var text: [String]
    @OptionGroup var options: CatalogOptions
    @Option(name: .long, help: "Schwelle, unter der eine Frage als nicht zuständig gilt (0 bis 1; ohne Angabe am Katalog kalibriert).")
    var threshold: Double?
    @Flag(name: .long, help: "Ausgabe als JSON: intent, confidence, alternatives, answer.") var json = false
    @Flag(
        name: .long,
        help:
            "Zeigt zuerst, wie jedes Wort gelesen wurde (Korrektur, Wortstamm, Teile eines zusammengesetzten Worts; mit --json auf der Fehlerausgabe)."
    )
    var words = false

    func run() throws {
        let catalog = try options.load()
        // Like the web API, only the first 1,000 characters are analysed; the citizen is told so.
        let utterance = Utterance(text.joined(separator: " "))
        if utterance.wasShortened { StandardError.write(Self.shortenedNote + "\n") }
        let question = utterance.text
        let matcher = try IntentMatcher(catalog: catalog, threshold: threshold)
        if words {
            // With --json the lines go to standard error, so that standard output stays one JSON object.
            for (word, analysis) in matcher.analyzer.readings(of: question) {
                let line = Self.describe(word, analysis)
                if json { StandardError.write(line + "\n") } else { print(line) }
            }
        }
        let response = AskResponse(question: question, matcher: matcher, composer: AnswerComposer(catalog: catalog))
        print(json ? try JSONLine.string(response) : response.answer)
    }

    /// Said on standard error when the question was longer than ``Utterance/maximumLength`` characters.
    static let shortenedNote =
        "Hinweis: Nur die ersten \(Utterance.maximumLength.formatted(.number.locale(Locale(identifier: "de_DE")))) Zeichen wurden ausgewertet."

    /// One line telling how a folded word was read: "abmleden → abmelden (Stamm abmeld)".
    static func describe(_ word: String, _ analysis: TextAnalyzer.Analysis) -> String {
        var line = analysis.word == word ? word : "\(word) → \(analysis.word)"
        line += " (Stamm \(analysis.stem)"
        if !analysis.parts.isEmpty { line += "; Teile " + analysis.parts.joined(separator: " + ") }
        return line + ")"
    }
}

import ArgumentParser
import RathausUnderstanding
import RathausDialog

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
    @Flag(name: .long, help: "Zeigt zuerst, wie jedes Wort gelesen wurde (Korrektur, Wortstamm, Teile eines zusammengesetzten Worts; mit --json auf der Fehlerausgabe).")
    var words = false

    func run() throws {
        let catalog = try options.load()
        let question = text.joined(separator: " ")
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

    /// One line telling how a folded word was read: "abmleden → abmelden (Stamm abmeld)".
    static func describe(_ word: String, _ analysis: TextAnalyzer.Analysis) -> String {
        var line = analysis.word == word ? word : "\(word) → \(analysis.word)"
        line += " (Stamm \(analysis.stem)"
        if !analysis.parts.isEmpty { line += "; Teile " + analysis.parts.joined(separator: " + ") }
        return line + ")"
    }
}

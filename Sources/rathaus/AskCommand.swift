import ArgumentParser
import RathausCore

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

    func run() throws {
        let catalog = try options.load()
        let response = AskResponse(
            question: text.joined(separator: " "),
            matcher: try IntentMatcher(catalog: catalog, threshold: threshold),
            composer: AnswerComposer(catalog: catalog))
        print(json ? try JSONLine.string(response) : response.answer)
    }
}

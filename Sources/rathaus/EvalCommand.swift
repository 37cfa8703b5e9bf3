import ArgumentParser
import Foundation
import RathausCatalog
import RathausUnderstanding

/// `rathaus eval FILE`: measures recognition on a labelled JSON-lines file.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Misst die Erkennung an einer Datei mit Zeilen {\"text\": …, \"intent\": ID oder null}.")

    @Argument(help: "JSON-Lines-Datei mit beschrifteten Fragen.") var file: String
    @OptionGroup var options: CatalogOptions
    @Option(name: .long, help: "Schwelle, unter der eine Frage als nicht zuständig gilt (0 bis 1; ohne Angabe am Katalog kalibriert).")
    var threshold: Double?
    @Flag(name: .long, help: "Ausgabe als JSON.") var json = false
    @Flag(name: .long, help: "Mit --json: für jede Zeile, was erkannt wurde (predictions: line, expected, predicted).")
    var predictions = false

    func run() throws {
        let catalog = try options.load()
        let set: EvaluationSet
        do {
            set = try EvaluationSet(contentsOf: URL(fileURLWithPath: file))
        } catch {
            StandardError.write("\(error)\n")
            throw ExitCode(1)
        }
        var report: EvaluationReport
        if set.languages.isEmpty {
            report = EvaluationReport.evaluate(set, catalog: catalog, matcher: try IntentMatcher(catalog: catalog, threshold: threshold))
        } else {
            // Lines that name their language are matched in it; the detector is scored beside.
            var matchers: [Language: IntentMatcher] = [:]
            for language in Set(set.languages.map { $0.isGerman ? Language.german : $0 }) {
                matchers[language] = try IntentMatcher(catalog: catalog.localized(to: language), threshold: threshold)
            }
            report = EvaluationReport.evaluate(set, catalog: catalog, matchers: matchers, detector: LanguageDetector(catalog: catalog))
        }
        // Like the web API, only the first 1,000 characters of a line are analysed.
        if report.shortenedTotal > 0 {
            StandardError.write(
                "Hinweis: \(report.shortenedTotal) Zeilen waren länger als \(Utterance.maximumLength) Zeichen; nur ihr Anfang wurde ausgewertet.\n")
        }
        if !predictions { report.predictions = nil }
        print(json ? try JSONLine.string(report) : report.text)
    }
}

import ArgumentParser
import Foundation
import RathausCatalog
import RathausConversations
import RathausDialog

/// `rathaus answers [FILE]`: runs the answer tests (facts and length of the last reply).
struct AnswersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answers",
        abstract: "Prüft Antworten: enthalten sie die erwarteten Angaben, und sind sie kurz genug?")

    @OptionGroup var options: CatalogOptions
    @Argument(help: "JSON-Lines-Datei mit Antworttests.") var file: String = "Tests/Answers/answers.jsonl"
    @Flag(name: .long, help: "Ausgabe als JSON.") var json = false

    func run() async throws {
        let catalog = try options.load()
        let set: AnswerSet
        do {
            set = try AnswerSet(contentsOf: URL(fileURLWithPath: file))
        } catch {
            StandardError.write("\(error)\n")
            throw ExitCode(1)
        }
        let report = try await AnswerSetRunner(engine: try ChatEngine(catalog: catalog)).run(set)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        for failure in report.failures {
            print("✘ \(failure.id): \(failure.reason)")
            print(failure.reply.split(separator: "\n").map { "    | \($0)" }.joined(separator: "\n"))
        }
        print(
            String(
                format: "%d von %d Antworttests bestanden (%.1f %%); Median der Wörter: %.0f, bei Fragen nach einem Teil: %.0f.",
                report.passed, report.total, report.passRate * 100, report.medianWords, report.medianAspectWords))
    }
}

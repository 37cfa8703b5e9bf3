import ArgumentParser
import Foundation
import RathausCatalog
import RathausReport
import RathausStore
import RathausUnderstanding

/// `rathaus report`: what citizens asked and where they got stuck over a period, for staff, as
/// one self-contained HTML file (`--html FILE`), JSON (`--json`) or a short text.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Bericht für die Verwaltung: was gefragt wurde, was unbeantwortet blieb, wo Anträge abgebrochen wurden.",
        discussion: "Ohne --since und --until: die letzten \(ReportPeriod.defaultDays) Tage bis heute. Enthält keine personenbezogenen Daten.")

    @OptionGroup var options: CatalogOptions
    @OptionGroup var storage: DatabaseOptions
    @OptionGroup var period: PeriodOptions
    @Option(name: .long, help: "Den Bericht als eine HTML-Datei schreiben.") var html: String?
    @Flag(name: .long, help: "Den Bericht als JSON ausgeben.") var json = false

    func run() throws {
        let period = try self.period.resolved()
        let catalog = try options.load()
        let store = try storage.open()
        let report = try ReportBuilder.report(store: store, catalog: catalog, period: period, stemmer: try SnowballStemmer())
        if let html {
            try Data(ReportHTML.page(report).utf8).write(to: URL(fileURLWithPath: html))
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(Self.summary(report) + (html.map { "\nBericht geschrieben: \($0)" } ?? ""))
        }
    }

    /// A few lines for the terminal.
    static func summary(_ report: Report) -> String {
        let totals = report.totals
        var lines = [
            "Bericht \(report.since) bis \(report.until): \(totals.conversations) Gespräche, \(totals.turns) Nachrichten, \(totals.questions) Fragen.",
            "Nicht beantwortet: \(totals.unanswered) (\(ReportText.percent(totals.unansweredShare))); nach Rückfrage beantwortet: "
                + "\(totals.clarificationsResolved) (\(ReportText.percent(totals.answeredAfterClarificationShare))).",
            "Bewertungen: \(totals.helpful) hilfreich, \(totals.notHelpful) nicht hilfreich.",
        ]
        if !report.unansweredGroups.isEmpty {
            lines.append(
                "Häufigste nicht beantwortete Fragen: "
                    + report.unansweredGroups.prefix(5).map { "\($0.stems.joined(separator: "+")) (\($0.questions))" }.joined(separator: ", "))
        }
        for form in report.forms {
            lines.append(
                "Antrag \(form.title): \(form.started) begonnen, \(form.submitted) abgeschickt"
                    + (form.mostLeftAt.map { ", die meisten brechen ab bei \($0)" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }
}

/// Numbers as the terminal summary writes them.
enum ReportText {
    static func percent(_ share: Double) -> String {
        String(format: "%.1f %%", share * 100).replacingOccurrences(of: ".", with: ",")
    }
}

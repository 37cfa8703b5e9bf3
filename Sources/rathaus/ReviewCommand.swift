import ArgumentParser
import Foundation
import RathausCatalog
import RathausConversations
import RathausReport
import RathausStore
import RathausUnderstanding

/// `rathaus review`: staff go through the questions Rathaus did not answer, or answered unhelpfully,
/// one at a time, and say which intent each should have been (or that it is out of scope); each
/// decision becomes one example line in `Intents/`. Ends with `check` and the recognition before and
/// after. With `--json` it prints the questions, and with `--decisions FILE` applies scripted decisions.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Unbeantwortete und nicht hilfreiche Fragen durchsehen und als Beispielsätze in Intents/ übernehmen.",
        discussion: """
            Für jede Frage: 1 oder 2 (einer der beiden besten Vorschläge), eine Intent-ID, a (außerhalb: keine Antwort), \
            s (überspringen) oder q (fertig). Geschrieben wird erst am Ende und nur, wenn der Katalog die Prüfung besteht.
            --decisions FILE: JSON-Zeilen {"text": FRAGE, "decision": INTENT-ID oder "out_of_scope" oder "skip"}.
            """)

    @OptionGroup var options: CatalogOptions
    @OptionGroup var storage: DatabaseOptions
    @OptionGroup var period: PeriodOptions
    @Option(name: .long, help: "Beschriftete Fragen, an denen die Erkennung vorher und nachher gemessen wird.")
    var eval = "Tests/Evaluation/evaluation.jsonl"
    @Option(name: .long, help: "Entscheidungen als JSON-Zeilen statt Fragen im Terminal.") var decisions: String?
    @Flag(name: .long, help: "Ausgabe als JSON.") var json = false

    func run() throws {
        let catalog = try options.load()
        let matcher = try IntentMatcher(catalog: catalog)
        let items = try questions(catalog: catalog).map {
            CatalogReview.item($0.text, reason: $0.reason, conversations: $0.conversations, matcher: matcher)
        }
        let chosen: [(text: String, decision: CatalogReview.Decision)]
        if let decisions {
            chosen = try Self.read(decisions, items: items, catalog: catalog)
        } else if json {
            print(try JSONLine.string(["items": items]))
            return
        } else {
            chosen = Self.ask(items, catalog: catalog)
        }
        let evalFile = options.directory.appendingPathComponent(eval)
        let review = CatalogReview(
            directory: options.directory, evaluationSet: FileManager.default.fileExists(atPath: evalFile.path) ? evalFile : nil)
        let outcome: CatalogReview.Outcome
        do {
            outcome = try review.apply(chosen)
        } catch let refused as CatalogReview.Refused {
            StandardError.write("\(refused)\n")
            throw ExitCode(1)
        }
        json ? print(try JSONLine.string(Summary(outcome))) : print(Self.text(outcome))
    }

    /// The questions of the period, scrubbed of personal data, each once with the number of
    /// conversations that asked it, the most asked first. A question with a scrubbed part is left
    /// out: it would make a poor example and its context may be personal.
    private func questions(catalog: Catalog) throws -> [(text: String, reason: String, conversations: Int)] {
        let period = try self.period.resolved()
        var byText: [String: (text: String, reason: String, conversations: Set<String>)] = [:]
        for question in try storage.open().reviewQuestions(from: period.start, to: period.end) {
            let text = PersonalDataScrubber.scrub(question.text).trimmed
            guard !text.isEmpty, !PersonalDataScrubber.placeholders.contains(where: text.contains) else { continue }
            let key = text.lowercased()
            var entry = byText[key] ?? (text, question.reason, [])
            entry.conversations.insert(question.conversation)
            if question.reason == "unanswered" { entry.reason = "unanswered" }
            byText[key] = entry
        }
        return byText.values.map { ($0.text, $0.reason, $0.conversations.count) }
            .sorted { ($0.conversations, $1.text) > ($1.conversations, $0.text) }
    }

    /// Scripted decisions; each must name a question of the review and an intent of the catalogue.
    static func read(_ file: String, items: [CatalogReview.Item], catalog: Catalog) throws -> [(text: String, decision: CatalogReview.Decision)] {
        struct Line: Decodable {
            let text: String
            let decision: String
        }
        let known = Set(items.map { $0.text.lowercased() })
        var result: [(text: String, decision: CatalogReview.Decision)] = []
        for (number, line) in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").enumerated() where !line.isEmpty {
            guard let parsed = try? JSONDecoder().decode(Line.self, from: Data(line.utf8)) else {
                throw ValidationError("\(file):\(number + 1): erwartet wird {\"text\": …, \"decision\": …}.")
            }
            guard known.contains(parsed.text.lowercased()) else {
                throw ValidationError("\(file):\(number + 1): „\(parsed.text)“ ist keine Frage dieser Durchsicht.")
            }
            guard let decision = decision(parsed.decision, catalog: catalog) else {
                throw ValidationError("\(file):\(number + 1): „\(parsed.decision)“ ist kein Intent, nicht out_of_scope und nicht skip.")
            }
            result.append((parsed.text, decision))
        }
        return result
    }

    /// A decision as typed or scripted: an intent id, `out_of_scope` (or `a`), `skip` (or `s`).
    static func decision(_ answer: String, catalog: Catalog) -> CatalogReview.Decision? {
        switch answer {
        case "out_of_scope", "a": return .outOfScope
        case "skip", "s", "": return .skip
        default: return catalog.intents.contains { $0.id == answer } ? .intent(answer) : nil
        }
    }

    /// Asks for each question in the terminal (or reads the answers from standard input).
    static func ask(_ items: [CatalogReview.Item], catalog: Catalog) -> [(text: String, decision: CatalogReview.Decision)] {
        guard !items.isEmpty else {
            print("Keine unbeantworteten oder nicht hilfreichen Fragen in diesem Zeitraum.")
            return []
        }
        var result: [(text: String, decision: CatalogReview.Decision)] = []
        for (index, item) in items.enumerated() {
            let why = item.reason == "unanswered" ? "nicht beantwortet" : "als nicht hilfreich bewertet"
            print("\n[\(index + 1)/\(items.count)] „\(item.text)“ (\(why), \(item.conversations) Gespräch(e))")
            print("  Verstanden: \(item.understood ?? "nichts (keine Antwort)")")
            for (number, guess) in item.guesses.enumerated() {
                print("  \(number + 1)) \(guess.intent) (\(String(format: "%.2f", guess.confidence)))")
            }
            while true {
                print("  1/2, Intent-ID, a = außerhalb, s = überspringen, q = fertig: ", terminator: "")
                fflush(nil)
                guard let line = readLine()?.trimmingCharacters(in: .whitespaces) else { return result }
                if line == "q" { return result }
                if let number = Int(line), (1...item.guesses.count).contains(number) {
                    result.append((item.text, .intent(item.guesses[number - 1].intent)))
                    break
                }
                if let decision = decision(line, catalog: catalog) {
                    result.append((item.text, decision))
                    break
                }
                print("  „\(line)“ kenne ich nicht.")
            }
        }
        return result
    }

    /// The outcome for the terminal.
    static func text(_ outcome: CatalogReview.Outcome) -> String {
        var lines = outcome.added.map { "+ \($0.file):\($0.line): \($0.text)" }
        lines += outcome.alreadyThere.map { "= schon vorhanden: \($0)" }
        if outcome.added.isEmpty { lines.append("Nichts geschrieben.") }
        lines.append("rathaus check: in Ordnung.")
        if let before = outcome.before, let after = outcome.after {
            func row(_ name: String, _ a: Double, _ b: Double) -> String { "\(name): \(String(format: "%.3f", a)) → \(String(format: "%.3f", b))" }
            lines.append(row("Treffer bei zuständigen Fragen", before.inScopeAccuracy, after.inScopeAccuracy))
            lines.append(row("Erkannt als nicht zuständig", before.outOfScopeRecall, after.outOfScopeRecall))
            lines.append(row("Zu Unrecht abgelehnt", before.falseRejectionRate, after.falseRejectionRate))
        }
        return lines.joined(separator: "\n")
    }

    /// The outcome as `--json` prints it.
    struct Summary: Encodable {
        let added: [CatalogReview.AddedLine]
        let alreadyThere: [String]
        let evalBefore: Figures?
        let evalAfter: Figures?

        struct Figures: Encodable {
            let inScopeAccuracy: Double
            let oosRecall: Double
            let falseRejectionRate: Double
            let total: Int

            init(_ report: EvaluationReport) {
                inScopeAccuracy = report.inScopeAccuracy
                oosRecall = report.outOfScopeRecall
                falseRejectionRate = report.falseRejectionRate
                total = report.total
            }

            enum CodingKeys: String, CodingKey {
                case inScopeAccuracy = "in_scope_accuracy", oosRecall = "oos_recall", falseRejectionRate = "false_rejection_rate", total
            }
        }

        init(_ outcome: CatalogReview.Outcome) {
            added = outcome.added
            alreadyThere = outcome.alreadyThere
            evalBefore = outcome.before.map(Figures.init)
            evalAfter = outcome.after.map(Figures.init)
        }

        enum CodingKeys: String, CodingKey {
            case added, alreadyThere = "already_there", evalBefore = "eval_before", evalAfter = "eval_after"
        }
    }
}

import Foundation
import RathausCatalog
import RathausDialog
import RathausStore
import RathausUnderstanding

/// Runs ``ConversationScript``s: every turn through a ``ConversationService`` over a real SQLite
/// store in a temporary folder, so that "restart" steps (a new service on the same file) reload the
/// conversation from disk as `rathaus chat --resume` does.
public struct ConversationScriptRunner: Sendable {
    /// The outcome of one script.
    public enum Result: Sendable, Hashable {
        case passed(name: String)
        /// With a readable report of the first step that failed.
        case failed(name: String, report: String)
    }

    private let engine: ChatEngine

    /// A runner for scripts against `engine`'s catalogue.
    public init(engine: ChatEngine) {
        self.engine = engine
    }

    /// Reads and runs the script in `file`.
    public func run(file: URL) async -> Result {
        do {
            return try await run(ConversationScript(contentsOf: file))
        } catch {
            return .failed(name: file.lastPathComponent, report: "  \(error)")
        }
    }

    /// Runs one script with a fresh store.
    public func run(_ script: ConversationScript) async throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rathaus-script-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("test.sqlite").path
        let (today, now) = (script.today, script.now)
        let language = script.language
        var service = ConversationService(
            engine: engine, store: try ConversationStore(path: path), today: { today }, now: { now }, trustedLanguage: language)
        let id = UUID().uuidString.lowercased()
        for (number, step) in script.steps.enumerated() {
            if let file = step.file {
                let turn = try await service.send(file: try Data(contentsOf: file), in: id, access: .trusted)
                if let problem = check(step, turn) { return failure(script, number, step, "Datei „\(file.lastPathComponent)“", problem, turn) }
                continue
            }
            guard let user = step.user else {
                // A restart: a new service on the same file, with nothing in memory.
                service = ConversationService(
                    engine: engine, store: try ConversationStore(path: path), today: { today }, now: { now }, trustedLanguage: language)
                do {
                    _ = try await service.openQuestion(in: id, access: .trusted)
                } catch is ConversationNotFound {
                    return .failed(
                        name: script.name, report: "  Schritt \(number + 1) (Zeile \(step.line)): nach dem Neustart ist kein Gespräch gespeichert.")
                }
                continue
            }
            let turn = try await service.reply(to: Utterance(user), in: id, access: .trusted).turn
            if let problem = check(step, turn) { return failure(script, number, step, "Eingabe „\(user)“", problem, turn) }
        }
        return .passed(name: script.name)
    }

    /// The report of step `number`, which got `turn` for `input` and failed for `problem`.
    private func failure(
        _ script: ConversationScript, _ number: Int, _ step: ConversationScript.Step, _ input: String, _ problem: String, _ turn: ChatSession.Turn
    ) -> Result {
        let replies = turn.replies.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }.map { "    | \($0)" }
        return .failed(
            name: script.name,
            report: """
                  Schritt \(number + 1) (Zeile \(step.line)), \(input):
                    \(problem)
                  Antwort (Zustand \(turn.state.rawValue)\(turn.expecting.map { ", erwartet Feld \($0.field)" } ?? "")):
                \(replies.joined(separator: "\n"))
                """)
    }

    /// What is wrong with the turn, or nil.
    private func check(_ step: ConversationScript.Step, _ turn: ChatSession.Turn) -> String? {
        let text = turn.replies.joined(separator: "\n")
        for expected in step.contains where !text.localizedCaseInsensitiveContains(expected) {
            return "erwartet: „\(expected)“ kommt in der Antwort vor"
        }
        for unwanted in step.notContains where text.localizedCaseInsensitiveContains(unwanted) {
            return "erwartet: „\(unwanted)“ kommt in der Antwort nicht vor"
        }
        if let pattern = step.regex {
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else {
                return "der reguläre Ausdruck „\(pattern)“ ist ungültig"
            }
            if regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                return "erwartet: die Antwort passt zu /\(pattern)/"
            }
        }
        if let state = step.state, state != turn.state.rawValue {
            return "erwartet: Zustand \(state), bekommen: \(turn.state.rawValue)"
        }
        if let field = step.expecting, field != turn.expecting?.field {
            return "erwartet: als Nächstes das Feld \(field), bekommen: \(turn.expecting?.field ?? "keines")"
        }
        let offered = turn.suggestions.map(\.label)
        for label in step.suggestions where !offered.contains(label) {
            return "erwartet: der Vorschlag „\(label)“, angeboten: \(offered.isEmpty ? "keiner" : offered.joined(separator: ", "))"
        }
        if let language = step.language, language != turn.language {
            return "erwartet: Antwort auf \(language.ownName), bekommen: \(turn.language.ownName)"
        }
        if let limit = step.maxWords, let first = turn.replies.first, AnswerComposer.wordCount(first) > limit {
            return "erwartet: höchstens \(limit) Wörter, bekommen: \(AnswerComposer.wordCount(first))"
        }
        return nil
    }
}

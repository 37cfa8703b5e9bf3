import ArgumentParser
import Foundation
import RathausCatalog
import RathausConversations
import RathausDelivery
import RathausDialog
import RathausStore
import RathausUnderstanding

/// `rathaus chat`: a conversation on the terminal, or line by line when input is piped.
struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Unterhaltung mit dem Assistenten (eine Zeile je Eingabe; Ende mit Strg+D).")

    @OptionGroup var options: CatalogOptions
    @OptionGroup var storage: DatabaseOptions
    @Flag(name: .long, help: "Je Eingabezeile genau ein JSON-Objekt {conversation, replies, intent, state, …} ausgeben.") var json = false
    @Option(name: .long, help: "Ein gespeichertes Gespräch mit dieser Nummer fortsetzen.") var resume: String?
    @Option(name: .long, help: "Sprache des Gesprächs: de, en oder de-x-ls (Leichte Sprache); ohne Angabe erkannt.")
    var language: String?
    @Option(name: .long, help: "Konfigurationsdatei: bestätigte Anträge werden im Hintergrund an die Stellen gesendet.") var config: String?

    func run() async throws {
        let catalog = try options.load()
        let matcher = try IntentMatcher(catalog: catalog)
        let configuration = try config.map { try DeliveryOptions.load($0) }
        let store = try storage.open(configuredPath: configuration?.database)
        if let configuration {
            // Deliveries run beside the conversation on their own thread until the chat ends.
            let worker = OutboxWorker(store: store, configuration: configuration)
            Thread.detachNewThread {
                while true {
                    if let summary = try? worker.deliverDue(), summary.dead > 0 {
                        StandardError.write("error: \(summary.dead) Zustellung(en) endgültig fehlgeschlagen\n")
                    }
                    Thread.sleep(forTimeInterval: 1)
                }
            }
        }
        let chosen = try language.map { tag -> Language in
            guard let chosen = Language(tag: tag) else {
                StandardError.write("Die Sprache „\(tag)“ gibt es nicht. Möglich sind de, en und de-x-ls (Leichte Sprache).\n")
                throw ExitCode(2)
            }
            return chosen
        }
        let engine = ChatEngine(catalog: catalog, matcher: matcher)
        let conversations = ConversationService(
            engine: engine, store: store, retentionDays: storage.retentionDays, trustedLanguage: chosen)
        let procedures = ProcedureService(engine: { engine }, store: store)
        let id = resume ?? UUID().uuidString.lowercased()
        var openQuestion: String?
        if let resume {
            do {
                openQuestion = try await conversations.openQuestion(in: resume, access: .trusted)
            } catch is ConversationNotFound {
                StandardError.write("Ein Gespräch mit der Nummer \(resume) gibt es nicht (mehr).\n")
                throw ExitCode(1)
            }
        }
        let interactive = isatty(STDIN_FILENO) == 1 && !json
        // On a terminal the text is wrapped at words to its current width; elsewhere it stays as it is.
        func fitted(_ text: String, prefix: String = "") -> String {
            guard interactive, let width = TerminalText.terminalWidth() else { return prefix + text }
            return TerminalText.wrap(text, width: width, prefix: prefix)
        }
        if interactive {
            print(fitted(engine.engine(for: chosen ?? .german).terminalWelcome))
            print(fitted("Gesprächsnummer: \(id) (fortsetzen mit: rathaus chat --resume \(id))\n"))
            if let openQuestion { print(fitted("Wir waren hier stehen geblieben: \(openQuestion)\n", prefix: "Rathaus: ")) }
        }
        while true {
            if interactive {
                print("Sie: ", terminator: "")
                fflush(nil)
            }
            guard let line = readLine() else { break }
            let turn: ChatSession.Turn
            if let path = DocumentUpload.path(in: line) {
                turn = await DocumentUpload(procedures: procedures, conversations: conversations, conversation: id).send(path)
            } else {
                let utterance = Utterance(line)
                if utterance.wasShortened {
                    StandardError.write("Hinweis: Nur die ersten \(Utterance.maximumLength) Zeichen Ihrer Nachricht wurden gelesen.\n")
                }
                turn = try await conversations.reply(to: utterance, in: id, access: .trusted).turn
            }
            if json {
                print(try JSONLine.string(turn))
            } else {
                var text = turn.replies.joined(separator: "\n\n")
                // The suggestions as one short line; typing a label asks for that part.
                if !turn.suggestions.isEmpty {
                    text +=
                        "\n\n" + engine.engine(for: turn.language).catalog.text(.moreOnThis) + ": "
                        + turn.suggestions.map(\.label).joined(separator: " · ")
                }
                print(interactive ? "\n" + fitted(text, prefix: "Rathaus: ") + "\n" : text + "\n")
            }
            fflush(nil)
            if interactive && ChatSession.isFarewell(turn.intent) { break }
        }
    }
}

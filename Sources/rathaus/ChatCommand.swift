import ArgumentParser
import Foundation
import RathausCore
import RathausDelivery
import RathausStore

/// `rathaus chat`: a conversation on the terminal, or line by line when input is piped.
struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Unterhaltung mit dem Assistenten (eine Zeile je Eingabe; Ende mit Strg+D).")

    @OptionGroup var options: CatalogOptions
    @OptionGroup var storage: DatabaseOptions
    @Flag(name: .long, help: "Je Eingabezeile genau ein JSON-Objekt {conversation, replies, intent, state, …} ausgeben.") var json = false
    @Option(name: .long, help: "Ein gespeichertes Gespräch mit dieser Nummer fortsetzen.") var resume: String?
    @Option(name: .long, help: "Konfigurationsdatei: bestätigte Anträge werden im Hintergrund an die Stellen gesendet.") var config: String?

    func run() throws {
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
        var session: ChatSession
        if let resume {
            guard let snapshot = try store.snapshot(id: resume) else {
                StandardError.write("Ein Gespräch mit der Nummer \(resume) gibt es nicht (mehr).\n")
                throw ExitCode(1)
            }
            session = ChatSession(catalog: catalog, matcher: matcher, snapshot: snapshot, sink: store, retentionDays: storage.retentionDays)
        } else {
            session = ChatSession(catalog: catalog, matcher: matcher, sink: store, retentionDays: storage.retentionDays)
        }
        let interactive = isatty(STDIN_FILENO) == 1 && !json
        if interactive {
            print(session.welcome)
            print("Gesprächsnummer: \(session.id) (fortsetzen mit: rathaus chat --resume \(session.id))\n")
            if resume != nil, let question = session.currentQuestion { print("Rathaus: Wir waren hier stehen geblieben: \(question)\n") }
        }
        while true {
            if interactive {
                print("Sie: ", terminator: "")
                fflush(nil)
            }
            guard let line = readLine() else { break }
            let turn = session.respond(to: line)
            if turn.erasesConversation {
                try store.deleteConversation(id: session.id)
            } else {
                try store.record(session.snapshot, citizen: line, replies: turn.replies)
            }
            if json {
                print(try JSONLine.string(turn))
            } else {
                let text = turn.replies.joined(separator: "\n\n")
                print(interactive ? "\nRathaus: \(text)\n" : text + "\n")
            }
            fflush(nil)
            if interactive && ChatSession.isFarewell(turn.intent) { break }
        }
    }
}

import ArgumentParser
import Foundation
import RathausCore

/// `rathaus chat`: a conversation on the terminal, or line by line when input is piped.
struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Unterhaltung mit dem Assistenten (eine Zeile je Eingabe; Ende mit Strg+D).")

    @OptionGroup var options: CatalogOptions
    @Flag(name: .long, help: "Je Eingabezeile genau ein JSON-Objekt {conversation, replies, intent} ausgeben.") var json = false

    func run() throws {
        let catalog = try options.load()
        var session = ChatSession(catalog: catalog, matcher: try IntentMatcher(catalog: catalog))
        let interactive = isatty(STDIN_FILENO) == 1 && !json
        if interactive { print(session.welcome + "\n") }
        while true {
            if interactive {
                print("Sie: ", terminator: "")
                fflush(nil)
            }
            guard let line = readLine() else { break }
            let turn = session.respond(to: line)
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
